-- How the map's polygons were joined to unit codes: one row per kind of match (exact, normalised, alias).
select match, count(*) as n from geo_features where match is not null group by match
