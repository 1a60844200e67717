{{! Trích yếu của báo cáo khi report.json không ghi "document.subject": một đoạn. }}
Kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính,
dịch vụ công theo thời gian thực trên môi trường điện tử {{agency.locality}} {{period.text}}
