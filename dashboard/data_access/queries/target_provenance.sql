-- Each declared value of one target with the document it comes from (targets.yaml: source, point_sources),
-- the earlier year it only repeats and whether it is unverified; for the provenance line under a target.
-- params: target_id
select p.year, p.value, coalesce(s.title, p.source) as title, p.repeats_year, p.unverified,
       coalesce(s.unverified, false) as citation_unverified
from target_sources p
left join sources s on s.id = p.source
where p.target_id = $1
order by p.year
