-- The sources of the observations behind one unit's figures in one year (the unit and every unit under it): the
-- source's title where it is declared (else the file's source text), its release year, whether some figures are
-- provisional, and the illustrative ones marked (a demo source says so). params: unit_code, year
select coalesce(s.title, o.source) as source, any_value(s.released) as released, count(*) as n,
       bool_or(coalesce(o.provisional, false)) as provisional, coalesce(bool_or(o.illustrative), false) as illustrative
from observations o
left join sources s on s.id = o.source_id
where o.year = $2 and coalesce(s.title, o.source) is not null  -- a figure without a source names none
  and o.unit_code in (select descendant from unit_ancestors where ancestor = $1 and year = $2)
group by coalesce(s.title, o.source)
order by n desc, source
