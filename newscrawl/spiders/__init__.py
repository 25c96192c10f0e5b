"""The one generic spider; newspapers are profiles, not spider classes."""
