-- Every child unit of a unit in one year (with data or not: the pickers list them all), Vietnamese order.
-- params: parent_code, year
select u.code, u.name, u.tier
from unit_years u
where u.parent_code = $1 and u.year = $2
order by u.name collate vi
