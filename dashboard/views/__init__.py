"""Public pages, one file each: a title and a few components from ui/, data through data_access/ only."""
