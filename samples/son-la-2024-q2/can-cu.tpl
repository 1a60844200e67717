{{! Căn cứ và nguồn số liệu của báo cáo quý (thay cho can-cu.tpl của bộ mẫu bao-cao-thang). }}
{{#scheme.legal_basis}}
Căn cứ {{scheme.legal_basis}};

{{/scheme.legal_basis}}
Trên cơ sở kết quả tự chấm điểm của các cơ quan, đơn vị và kết quả thẩm định của
Văn phòng UBND tỉnh, {{agency.name}} báo cáo kết quả đánh giá việc giải quyết thủ tục
hành chính (TTHC) của các sở, ban, ngành và UBND các huyện, thành phố {{period.text}}
như sau:
