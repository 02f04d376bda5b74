-- Map features of a unit's area with the value of one indicator for one year, for communes
-- (tier = 'commune') or for their districts (tier = 'district': every commune shaded by its district).
-- params: unit_code, indicator, year, tier
with area as (
    select descendant as code from unit_ancestors where ancestor = $1 and year = $3 and descendant_tier = 'commune'
),
features as (
    select g.feature_id, g.unit_code, g.district_code, g.match, g.commune_2009,
           case when $4 = 'district' then g.district_code else g.unit_code end as shown_code
    from geo_features g
    where g.unit_code in (select code from area)
)
select f.feature_id, f.shown_code as code, u.name, f.match, f.commune_2009,
       p.actual, p.milestone, p.gap, p.to_close, p.status, p.measure, a.numerator, a.denominator
from features f
left join unit_years u on u.code = f.shown_code and u.year = $3
left join progress p on p.unit_code = f.shown_code and p.year = $3 and p.indicator = $2
left join actuals a on a.unit_code = f.shown_code and a.year = $3 and a.indicator = $2
