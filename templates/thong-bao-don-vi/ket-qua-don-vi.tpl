{{unit.long_name}} đạt **{{score.now | num}}/{{score.max | num}} điểm**, quy đổi
**{{score.converted | fixed2}}/{{scale}} điểm**{{#score.rating}}, xếp loại
**{{score.rating | lower_first}}**{{/score.rating}}; xếp hạng {{rank.now | pad2}}/{{rank.count | pad2}}
{{unit.noun}} được đánh giá{{#score.has_prev}}, {{score.delta | change "điểm" "giữ nguyên điểm số" "tăng" "giảm"}} và
{{rank.change | change "bậc" "giữ nguyên thứ hạng" "tăng" "giảm"}} so với {{period.previous.text}}{{/score.has_prev}}.

{{#unit.merged_from.count}}
{{unit.long_name}} được thành lập trên cơ sở sáp nhập {{unit.merged_from.names | join "và"}}: kết quả
{{period.text}} không so sánh với kết quả của các đơn vị trước khi sáp nhập.
{{/unit.merged_from.count}}
