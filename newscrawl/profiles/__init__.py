"""Site profiles: one YAML file per newspaper, validated when loaded."""

from newscrawl.profiles.loader import (
    ProfileError,
    find_profile,
    load_profile,
    load_profiles,
    profile_dirs,
    profile_files,
)
from newscrawl.profiles.model import ListingMode, SiteProfile, StartUrl, slugify

__all__ = [
    "ListingMode",
    "ProfileError",
    "SiteProfile",
    "StartUrl",
    "find_profile",
    "load_profile",
    "load_profiles",
    "profile_dirs",
    "profile_files",
    "slugify",
]
