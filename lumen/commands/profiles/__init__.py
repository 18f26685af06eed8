from lumen.commands.profiles.removal import remove_profile_of
from lumen.commands.profiles.routes import MyProfileController, ProfileController

__all__ = ["MyProfileController", "ProfileController", "remove_profile_of"]
