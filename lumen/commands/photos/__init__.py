from lumen.commands.photos.mine import MyPhotosController
from lumen.commands.photos.routes import PhotoController

__all__ = ["MyPhotosController", "PhotoController"]
