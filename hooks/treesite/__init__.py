"""Decision tree to Markdown pages: the site's core, independent of MkDocs."""

from .errors import Problem, TreeError
from .site import SiteBuild, build_site, write_pages

__all__ = ["Problem", "SiteBuild", "TreeError", "build_site", "write_pages"]
