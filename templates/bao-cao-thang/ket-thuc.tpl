Trên đây là Báo cáo {{document.subject | lower_first}}./.
