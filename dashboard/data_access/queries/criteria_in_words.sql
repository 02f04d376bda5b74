-- The NĐ 20/2014 criteria in force, in words (methodology page): per standard and level, the criterion's indicator
-- or the other standard's level it requires, its threshold, the ĐBKK variant and the shares a parent needs; with the
-- level scale of the standard and of the required standard (for the levels' words). In the configuration's order.
-- params: none
with criteria as (
    select *, row_number() over () as n from standard_criteria
),
standards as (
    select ls.standard, i.levels, any_value(c.name_vi) as name_vi, any_value(c.name_en) as name_en
    from level_standards ls
    join indicators i on i.id = ls.indicator
    join standard_criteria c on c.standard = ls.standard
    group by all
)
select c.n, c.name_vi, c.name_en, c.level, s.levels, c.min, c.dbkk_min, c.district_min_share, c.province_min_share,
       c.unverified, ci.name_vi as criterion_vi, ci.name_en as criterion_en,
       di.name_vi as dbkk_vi, di.name_en as dbkk_en,
       r.required_level, rs.name_vi as required_vi, rs.name_en as required_en, rs.levels as required_levels
from criteria c
join standards s on s.standard = c.standard
left join indicators ci on ci.id = c.criterion
left join indicators di on di.id = c.dbkk_criterion
left join level_requires r on r.standard = c.standard and r.level = c.level
     and c.criterion = r.required_standard || ' ≥ ' || r.required_level::varchar
left join standards rs on rs.standard = r.required_standard
order by c.n
