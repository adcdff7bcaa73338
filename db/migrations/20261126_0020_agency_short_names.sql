-- What a wall or a narrow column calls an agency: "Астана Су Арнасы" rather than "Астана Су Арнасы
-- (водоснабжение и канализация)". Optional: an agency without one shows its full name.
alter table agencies add column short_name_ru text;
alter table agencies add column short_name_kk text;
alter table agencies add column short_name_en text;

update agencies set short_name_ru = s.ru, short_name_kk = s.kk, short_name_en = s.en
from (values
  ('astana-su-arnasy', 'Астана Су Арнасы', 'Астана Су Арнасы', 'Astana Su Arnasy'),
  ('astana-teplotranzit', 'Астана-Теплотранзит', 'Астана-Теплотранзит', 'Astana-Teplotranzit'),
  ('astana-rek', 'Астана-РЭК', 'Астана-ӨЭК', 'Astana-REK'),
  ('astana-tazalyk', 'Астана Тазалық', 'Астана Тазалық', 'Astana Tazalyk'),
  ('astana-zharyk', 'Астана Жарық', 'Астана Жарық', 'Astana Zharyk'),
  ('transport-roads-department', 'Транспорт и дороги', 'Көлік және жолдар', 'Transport and Roads'),
  ('elevator-service', 'Лифтовая служба', 'Лифт қызметі', 'Elevator Service'),
  ('veterinary-service', 'Ветстанция', 'Ветстанция', 'Veterinary Station'),
  ('emergency-department', 'ДЧС', 'ТЖД', 'Emergencies'),
  ('public-transport-operator', 'Оператор транспорта', 'Көлік операторы', 'Transport Operator'),
  ('greening-service', 'Озеленение', 'Көгалдандыру', 'Greening Service'),
  ('housing-inspection', 'Жилинспекция', 'Тұрғын үй инспекциясы', 'Housing Inspection'),
  ('akimat-almaty', 'Акимат Алматы', 'Алматы әкімдігі', 'Almaty Akimat'),
  ('akimat-baikonur', 'Акимат Байконура', 'Байқоңыр әкімдігі', 'Baikonur Akimat'),
  ('akimat-yesil', 'Акимат Есиля', 'Есіл әкімдігі', 'Yesil Akimat'),
  ('akimat-saryarka', 'Акимат Сарыарки', 'Сарыарқа әкімдігі', 'Saryarka Akimat'),
  ('akimat-nura', 'Акимат Нуры', 'Нұра әкімдігі', 'Nura Akimat')
) as s(id, ru, kk, en)
where agencies.id = s.id;
