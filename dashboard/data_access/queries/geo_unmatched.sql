-- Map polygons that no unit code could be joined to (named on the units page, never silently dropped).
select commune_2009 from geo_features where match is null order by commune_2009
