-- unit_names: the latest registered name of each unit code (for labelling codes outside the current view).
select code, arg_max(name, valid_from) as name
from units
group by code
