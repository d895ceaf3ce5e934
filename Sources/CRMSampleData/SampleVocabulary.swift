/// The words sample data is made of: names, cities, tags and subjects in Chinese and English.
enum SampleVocabulary {
    static let chineseSurnames = [
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    ]
    static let chineseGivenNames = [
        "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明",
    ]
    static let englishFirstNames = [
        "Olivia", "Liam", "Emma", "Noah", "Ava", "Oliver", "Sophia", "Elijah", "Mia", "James", "Amelia",
        "Lucas",
        "Harper", "Mason", "Evelyn", "Ethan",
    ]
    static let englishLastNames = [
        "Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Clark", "Walker", "Hall",
        "Young",
        "King", "Wright", "Green", "Baker", "Adams",
    ]
    static let companyStems = [
        "Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay",
        "Soylent",
        "华为", "长城", "东方", "新华", "金龙", "天元", "恒通", "瑞丰",
    ]
    static let companySuffixes = ["Ltd", "GmbH", "Inc", "Group", "Trading", "有限公司", "集团", "科技"]
    static let cities = [
        "Xi'an", "北京", "上海", "广州", "深圳", "成都", "杭州", "武汉", "南京", "天津", "重庆", "苏州", "London",
        "Paris", "Berlin", "Madrid", "Rome", "Vienna", "Prague", "Warsaw", "New York", "Chicago", "Boston",
        "Seattle", "Austin", "Denver", "Toronto", "Vancouver", "Sydney", "Melbourne", "Tokyo", "Osaka",
        "Seoul",
        "Singapore", "Bangkok", "Mumbai", "Delhi", "Dubai", "Cairo", "Lagos", "Nairobi", "São Paulo", "Lima",
        "Bogotá", "Mexico City", "Oslo", "Stockholm", "Helsinki", "Dublin", "Lisbon",
    ]
    static let tags = [
        "steel", "north", "south", "export", "retail", "wholesale", "partner", "reseller", "government",
        "education", "health", "energy", "logistics", "finance", "startup", "enterprise", "renewal", "trial",
        "priority", "钢铁",
    ]
    static let owners = [
        "li.wei", "wang.fang", "zhang.min", "chen.jing", "olivia.smith", "liam.brown", "ava.clark",
        "noah.hall",
    ]
    static let subjectStarts = [
        "late delivery", "invoice question", "refund request", "price quote", "contract renewal",
        "product defect",
        "installation visit", "training session", "service call", "follow-up", "satisfaction survey",
        "complaint about support", "new order", "payment reminder", "shipping damage", "warranty claim",
        "退款申请", "发货延迟", "质量问题", "续约",
    ]
    static let subjectEnds = [
        "", " (urgent)", " for order 1042", " at the Xi'an site", " – second time", " via the portal",
        " 请尽快处理",
        " after the upgrade", " for Q4", " from the CFO", " re: last visit", " on the new line", " 跟进",
        " with photos", " about the delay",
    ]
    static let promiseTitles = [
        "Reply with a solution", "Send a replacement", "Issue a refund", "On-site repair within 48 hours",
        "Follow-up visit", "Send the revised quote", "Deliver the missing parts", "Call back",
        "Send the invoice",
        "Provide training", "Pay the deposit", "Return the samples", "Sign the contract", "回复解决方案", "上门维修",
    ]
}
