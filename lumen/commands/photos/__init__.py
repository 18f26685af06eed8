from lumen.commands.photos.routes import PhotoController

__all__ = ["PhotoController"]
