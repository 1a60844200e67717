::center *(Kèm theo Công văn số {{citation.code}} {{citation.date}} của {{agency.name}})*
