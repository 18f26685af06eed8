from lumen.commands.follows.changes import follow, unfollow
from lumen.commands.follows.routes import FollowController

__all__ = ["FollowController", "follow", "unfollow"]
