-- unit_ancestors: the hierarchy as it stood in each year, closed transitively.
-- grain: year × ancestor × descendant (depth 0 = the unit itself).
create or replace table unit_ancestors as
with recursive up(year, descendant, ancestor, depth) as (
    select year, code, code, 0 from unit_years
    union all
    select up.year, up.descendant, p.parent_code, up.depth + 1
    from up
    join unit_years p on p.code = up.ancestor and p.year = up.year
    where p.parent_code is not null
),
final as (
    select up.year, up.ancestor, up.descendant, d.tier as descendant_tier, up.depth
    from up
    join unit_years d on d.code = up.descendant and d.year = up.year
    join unit_years a on a.code = up.ancestor and a.year = up.year
)
select * from final
order by ancestor, year, descendant;
