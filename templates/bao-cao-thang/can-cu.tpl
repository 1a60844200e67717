{{#scheme.legal_basis}}
Căn cứ {{scheme.legal_basis}};

{{/scheme.legal_basis}}
Trên cơ sở số liệu thống kê từ Hệ thống quản trị của Cổng Dịch vụ công quốc gia,
Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh, {{agency.name}} tổng hợp,
báo cáo kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện
thủ tục hành chính (TTHC), dịch vụ công (DVC) theo thời gian thực trên môi trường điện
tử {{agency.locality}} {{period.text}} như sau:
