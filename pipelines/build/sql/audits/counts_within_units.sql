-- vi: Số đơn vị đạt chuẩn là số nguyên và không vượt quá số đơn vị đang tồn tại (kể cả trong dự báo).
-- en: A count of units is whole and never exceeds the units that exist (projections included).
with count_targets as (
    select id as target_id, indicator from targets where measure = 'count'
),
units as (
    select unit_code, year, indicator, denominator as n_units from actuals
),
latest_units as (
    select p.target_id, p.unit_code, u.n_units
    from progress p join count_targets c using (target_id)
    join units u on u.unit_code = p.unit_code and u.year = p.year and u.indicator = c.indicator
    where p.outlook_method is not null
    qualify p.year = max(p.year) over (partition by p.target_id, p.unit_code)
),
checked as (
    select p.target_id, p.unit_code, p.year, 'actual' as what, p.actual as value, u.n_units
    from progress p join count_targets c using (target_id)
    left join units u on u.unit_code = p.unit_code and u.year = p.year and u.indicator = c.indicator
    union all
    select p.target_id, p.unit_code, p.year, 'projected', p.projected, u.n_units
    from progress p join count_targets c using (target_id)
    left join units u on u.unit_code = p.unit_code and u.year = p.year and u.indicator = c.indicator
    union all
    select p.target_id, p.unit_code, p.year, 'projection', p.projected, l.n_units
    from projections p join latest_units l using (target_id, unit_code)
)
select * from checked
where value is not null and (value <> round(value) or value < 0 or value > n_units + 1e-9)
order by target_id, unit_code, year
