from lumen.commands.photo_files.routes import MyPhotoController, PhotoOriginalController

__all__ = ["MyPhotoController", "PhotoOriginalController"]
