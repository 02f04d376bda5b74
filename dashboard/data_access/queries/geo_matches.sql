-- How each map feature was joined to a unit code (exact, normalised, alias) or not at all.
select layer, feature_id, unit_code, match, province_2009, district_2009, commune_2009 from geo_features order by match nulls first, commune_2009
