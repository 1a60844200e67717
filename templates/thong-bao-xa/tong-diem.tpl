{{! Điểm tổng hợp và xếp hạng; thay đổi so với tháng trước khi có số liệu tháng trước }}
1.{{total_item}}. Điểm tổng hợp đạt **{{score.now | num}}/{{score.max | num}} điểm{{#score.has_prev}},
{{score.delta | change "điểm" "giữ nguyên điểm số" "tăng" "giảm"}}{{/score.has_prev}}; xếp hạng {{rank.now | pad2}}/{{rank.count | pad2}}
{{unit.noun}}{{#rank.has_prev}} và {{rank.change | change "bậc" "giữ nguyên thứ hạng" "tăng" "giảm"}} trên bảng xếp hạng
so với {{period.previous.text}}{{/rank.has_prev}}.**

{{#unit.merged_from.count}}
{{unit.name}} được thành lập trên cơ sở sáp nhập {{unit.merged_from.names | join "và"}}: kết quả
{{period.text}} không so sánh với kết quả của các đơn vị trước khi sáp nhập.
{{/unit.merged_from.count}}
