-- The years with a Week declared in records.yaml.
select year from weeks order by year
