-- The post-reform communes of a unit's area with their dissolved polygons (geo_new_communes) and the value of one
-- indicator for one year. params: unit_code, indicator, year
with area as (
    select descendant as code from unit_ancestors where ancestor = $1 and year = $3 and descendant_tier = 'commune'
)
select g.new_code as feature_id, g.new_code as code, u.name, g.geometry, g.approximate,
       p.actual, p.milestone, p.gap, p.to_close, p.status, p.measure, a.numerator, a.denominator
from geo_new_communes g
join area on area.code = g.new_code
left join unit_years u on u.code = g.new_code and u.year = $3
left join progress p on p.unit_code = g.new_code and p.year = $3 and p.indicator = $2
left join actuals a on a.unit_code = g.new_code and a.year = $3 and a.indicator = $2
