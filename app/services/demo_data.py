"""Recipes for the demo warehouse: products, places, names and the words buyers write.

Plain data, no logic.  Everything here is real-looking but invented; the lists are ordered, so
that `random.Random(seed)` over them gives the same warehouse every time.
"""

from __future__ import annotations

from typing import NamedTuple


class ProductFamily(NamedTuple):
    """One product with its variants: every combination of *options* becomes a SKU."""

    prefix: str  # SKU code prefix, e.g. "HM" → HM-10001
    zone: str  # where it is stored
    name: str
    options: tuple[tuple[str, ...], ...]
    weight_g: tuple[int, int]  # range for the variants
    fragile: bool = False
    expiry: str | None = None  # "food" or "cosmetic": tracked by lot expiry
    threshold: int = 10  # low-stock threshold
    popularity: float = 1.0


F = ProductFamily

#: About 300 SKUs.  Zones: A apparel/stationery/toys, B electronics, C beauty and food,
#: D home and sports, E glass and ceramics (fragile).
# fmt: off
PRODUCTS: tuple[ProductFamily, ...] = (
    # 家居 / 厨房
    F("HM", "D", "保温杯", (("350ml", "500ml", "750ml"), ("黑色", "白色", "樱花粉", "藏青色")),
      (280, 520), threshold=50, popularity=3.0),
    F("HM", "D", "真空饭盒", (("1.2L", "1.8L"), ("灰色", "薄荷绿")), (600, 900)),
    F("HM", "D", "硅胶保鲜盖", (("6件套", "12件套"),), (150, 300)),
    F("HM", "D", "不锈钢锅铲", ((),), (120, 160)),
    F("HM", "D", "收纳盒", (("小号", "中号", "大号"), ("透明", "米白")), (200, 900), threshold=20),
    F("HM", "D", "植绒衣架", (("10个装", "20个装"),), (500, 1000), threshold=20),
    F("HM", "D", "纯棉浴巾 70x140cm", (("白色", "浅灰", "雾蓝"),), (380, 450)),
    F("HM", "D", "纯棉毛巾 3条装", (("白色", "灰色"),), (280, 320), threshold=20),
    F("HM", "D", "居家拖鞋", (("36-37", "38-39", "40-41", "42-43"), ("灰色", "粉色")), (250, 350)),
    F("HM", "D", "棉麻抱枕 45x45cm", (("米白", "墨绿", "焦糖色"),), (400, 550)),
    F("HM", "E", "香薰蜡烛", (("雪松", "白茶", "无花果"),), (300, 380), fragile=True),
    F("HM", "D", "桌面收纳架", (("单层", "双层"),), (700, 1300)),
    F("HM", "D", "懒人抹布", (("60张",),), (250, 280), threshold=20),
    F("HM", "D", "电热水壶 1.7L", (("白色", "黑色"),), (1100, 1300)),
    F("HM", "E", "玻璃保鲜盒", (("3件套", "5件套"),), (1200, 2100), fragile=True),
    F("HM", "D", "四件套床品", (("1.5m", "1.8m"), ("灰白条纹", "浅蓝", "豆沙粉")), (1800, 2600)),
    F("HM", "D", "记忆棉枕头", (("标准款", "护颈款"),), (1100, 1500)),
    F("HM", "D", "晾衣夹 20个装", ((),), (180, 220)),
    F("HM", "D", "垃圾袋", (("加厚 100只", "抽绳 60只"),), (400, 600), threshold=50,
      popularity=2.0),
    F("HM", "D", "厨房纸巾 6卷装", ((),), (900, 1000), threshold=20),
    F("HM", "D", "洗衣凝珠 52颗", ((),), (850, 900), threshold=20),
    # 数码
    F("EL", "B", "蓝牙耳机", (("Pro", "Lite", "Air 2"), ("白色", "黑色")), (50, 80),
      threshold=20, popularity=3.0),
    F("EL", "B", "USB-C 数据线", (("1m", "2m"), ("白色", "黑色")), (30, 60), threshold=50,
      popularity=3.0),
    F("EL", "B", "快充充电器", (("20W", "33W", "65W"),), (40, 140), threshold=20,
      popularity=2.0),
    F("EL", "B", "充电宝", (("10000mAh", "20000mAh"), ("白色", "黑色")), (200, 420)),
    F("EL", "B", "无线鼠标", (("静音版", "标准版"), ("黑色", "白色", "粉色")), (60, 95)),
    F("EL", "B", "机械键盘", (("87键", "104键"), ("青轴", "红轴", "茶轴")), (750, 1100)),
    F("EL", "B", "手机壳",
      (("iPhone 15", "iPhone 15 Pro", "iPhone 16", "iPhone 16 Pro"), ("透明", "磨砂黑")),
      (20, 40), threshold=20, popularity=2.0),
    F("EL", "B", "钢化膜", (("iPhone 15", "iPhone 16", "iPhone 16 Pro"),), (20, 30),
      threshold=50, popularity=2.0),
    F("EL", "B", "智能手环", (("标准版", "NFC版"),), (60, 90)),
    F("EL", "B", "蓝牙音箱", (("迷你", "标准"), ("黑色", "深海蓝")), (250, 700)),
    F("EL", "B", "LED护眼台灯", (("白色", "黑色"),), (900, 1400)),
    F("EL", "B", "手机支架 铝合金", (("银色", "深空灰"),), (150, 220)),
    F("EL", "B", "Type-C 扩展坞 6合1", ((),), (80, 110)),
    F("EL", "B", "电动牙刷", (("标准款", "声波款"), ("白色", "黑色")), (150, 220)),
    F("EL", "B", "智能插座 WiFi版", ((),), (90, 110)),
    F("EL", "B", "无线充电板 15W", (("白色", "黑色"),), (80, 120)),
    F("EL", "B", "耳机收纳包", ((),), (30, 45)),
    F("EL", "B", "车载充电器 双口", ((),), (40, 60)),
    F("EL", "B", "移动固态硬盘", (("512GB", "1TB"),), (50, 70)),
    F("EL", "B", "U盘", (("64GB", "128GB"),), (20, 30), threshold=20),
    F("EL", "B", "平板保护套", (("iPad 10代", "iPad Air 5", "iPad Pro 11"),), (180, 260)),
    # 美妆个护 (效期管理)
    F("BT", "C", "面膜", (("5片装", "10片装"), ("补水", "美白", "舒缓")), (150, 300),
      expiry="cosmetic", threshold=50, popularity=3.0),
    F("BT", "C", "氨基酸洗面奶", (("100g", "150g"),), (130, 190), expiry="cosmetic",
      threshold=20),
    F("BT", "C", "防晒霜 SPF50+ 50ml", ((),), (80, 95), expiry="cosmetic", threshold=20),
    F("BT", "C", "丝绒口红", (("#01 正红", "#07 豆沙", "#12 枫叶", "#23 奶茶"),), (30, 40),
      expiry="cosmetic"),
    F("BT", "C", "玻尿酸精华液", (("30ml", "50ml"),), (90, 140), expiry="cosmetic"),
    F("BT", "C", "护手霜 30g", (("玫瑰", "樱花", "无香"),), (40, 50)),
    F("BT", "C", "洗发水", (("400ml", "750ml"), ("去屑", "控油", "滋养")), (450, 820)),
    F("BT", "C", "沐浴露", (("500ml", "1L"),), (560, 1100)),
    F("BT", "C", "牙膏 120g", (("薄荷", "美白"),), (150, 170), threshold=20),
    F("BT", "E", "淡香水", (("30ml", "50ml"),), (180, 260), fragile=True, expiry="cosmetic"),
    F("BT", "C", "卸妆水 400ml", ((),), (430, 460)),
    F("BT", "C", "身体乳 250ml", (("牛油果", "烟酰胺"),), (280, 310)),
    F("BT", "C", "紧致眼霜 15g", ((),), (60, 80), expiry="cosmetic"),
    F("BT", "C", "修护面霜 50g", ((),), (110, 140), expiry="cosmetic"),
    F("BT", "C", "婴儿湿巾 80抽x3包", ((),), (1200, 1350), threshold=20),
    # 食品 (效期管理)
    F("FD", "C", "每日坚果礼盒", (("750g", "1.2kg"),), (900, 1450), expiry="food",
      popularity=2.0),
    F("FD", "C", "挂耳咖啡", (("10包", "30包"),), (150, 400), expiry="food", threshold=20),
    F("FD", "C", "绿茶 100g", (("明前龙井", "碧螺春"),), (160, 180), expiry="food"),
    F("FD", "C", "柳州螺蛳粉", (("3袋装", "5袋装"),), (1000, 1700), expiry="food",
      threshold=50, popularity=2.0),
    F("FD", "C", "牛肉干", (("五香", "麻辣"), ("100g", "250g")), (120, 280), expiry="food"),
    F("FD", "C", "即食燕麦片 1kg", ((),), (1050, 1100), expiry="food"),
    F("FD", "E", "土蜂蜜 500g 玻璃瓶", ((),), (850, 900), fragile=True, expiry="food"),
    F("FD", "C", "自热火锅", (("麻辣牛肉", "番茄肥牛"),), (400, 450), expiry="food"),
    F("FD", "C", "黄油曲奇礼盒", (("454g",),), (600, 650), expiry="food"),
    F("FD", "C", "新疆红枣", (("500g", "1kg"),), (520, 1050), expiry="food"),
    F("FD", "C", "宁夏枸杞 250g", ((),), (260, 280), expiry="food"),
    F("FD", "C", "速溶奶茶 10包", (("原味", "香芋", "抹茶"),), (220, 260), expiry="food"),
    F("FD", "C", "方便面 5连包", (("红烧牛肉", "老坛酸菜"),), (500, 560), expiry="food",
      threshold=50, popularity=2.0),
    F("FD", "C", "黑巧克力礼盒", ((),), (300, 350), expiry="food"),
    # 玻璃 / 陶瓷 (易碎)
    F("GL", "E", "陶瓷马克杯 350ml", (("白色", "雾霾蓝", "星空"),), (320, 380), fragile=True),
    F("GL", "E", "双层玻璃杯", (("300ml", "450ml"),), (200, 300), fragile=True),
    F("GL", "E", "骨瓷餐具套装", (("4人份", "6人份"),), (1800, 2950), fragile=True),
    F("GL", "E", "陶瓷碗", (("4.5寸", "6寸"), ("青花", "白瓷")), (180, 420), fragile=True),
    F("GL", "E", "水晶红酒杯 2只装", ((),), (500, 560), fragile=True),
    F("GL", "E", "玻璃花瓶", (("小号", "大号"),), (450, 1200), fragile=True),
    F("GL", "E", "功夫茶具 8件套", ((),), (1300, 1500), fragile=True),
    F("GL", "E", "陶瓷盘 8寸", (("白瓷", "青花"),), (450, 520), fragile=True),
    F("GL", "E", "玻璃调料瓶 6件套", ((),), (1100, 1300), fragile=True),
    # 服饰
    F("AP", "A", "纯棉T恤", (("S", "M", "L", "XL"), ("白色", "黑色")), (180, 240),
      threshold=20, popularity=2.0),
    F("AP", "A", "中筒袜 5双装", (("黑色", "白色", "混色"),), (120, 140), threshold=20),
    F("AP", "A", "连帽卫衣", (("M", "L", "XL"), ("灰色", "藏青")), (550, 700)),
    F("AP", "A", "棒球帽", (("黑色", "白色"),), (80, 100)),
    F("AP", "A", "羊毛围巾", (("驼色", "灰色"),), (150, 190)),
    F("AP", "A", "触屏手套", (("M", "L"),), (60, 80)),
    F("AP", "A", "运动短裤", (("M", "L", "XL"), ("黑色", "灰色")), (150, 200)),
    F("AP", "A", "轻薄羽绒服", (("M", "L", "XL"), ("黑色", "米白")), (400, 600), popularity=2.0),
    F("AP", "A", "加绒打底裤", (("M", "L"),), (250, 300)),
    # 文具 / 玩具 / 运动
    F("ST", "A", "中性笔 0.5mm 12支装", (("黑色", "蓝色", "红色"),), (110, 130),
      threshold=20),
    F("ST", "A", "笔记本", (("A5", "B5"),), (200, 320)),
    F("ST", "A", "便利贴 6本装", ((),), (150, 170)),
    F("ST", "A", "A4 文件夹 10个装", ((),), (600, 700)),
    F("ST", "A", "荧光笔 6色", ((),), (80, 100)),
    F("ST", "A", "订书机", ((),), (150, 200)),
    F("TY", "A", "积木 小颗粒城堡", ((),), (800, 950)),
    F("TY", "A", "拼图 1000片", (("星空", "故宫"),), (600, 680)),
    F("TY", "A", "毛绒玩具", (("小熊 30cm", "兔子 40cm"),), (200, 350)),
    F("TY", "A", "遥控越野车", ((),), (900, 1200)),
    F("TY", "A", "泡泡机", ((),), (300, 400)),
    F("SP", "D", "瑜伽垫", (("6mm", "10mm"), ("紫色", "蓝色", "黑色")), (900, 1600)),
    F("SP", "D", "跳绳 计数款", ((),), (200, 260)),
    F("SP", "D", "运动水壶 750ml", (("黑色", "透明"),), (150, 200)),
    F("SP", "D", "哑铃 一对", (("2kg", "3kg"),), (2000, 3000)),
    F("SP", "D", "羽毛球拍", (("单拍", "双拍"),), (200, 450)),
    F("SP", "D", "运动护膝", (("M", "L"),), (100, 150)),
    F("SP", "B", "筋膜枪", (("迷你款", "标准款"),), (450, 1000)),
    # Cross-border shop: English catalogue names
    F("EN", "D", "Stainless Steel Tumbler", (("500ml",), ("Black", "White")), (300, 360)),
    F("EN", "B", "Wireless Earbuds", (("Pro", "Lite"),), (50, 70)),
    F("EN", "C", "Sheet Mask", (("10 pcs",), ("Hydrating", "Soothing")), (250, 280),
      expiry="cosmetic"),
    F("EN", "B", "Phone Stand Aluminium", ((),), (150, 200)),
    F("EN", "D", "Yoga Mat 6mm", (("Purple", "Blue"),), (900, 1000)),
    F("EN", "E", "Ceramic Pour-over Coffee Set", ((),), (900, 1100), fragile=True),
    F("EN", "C", "Oolong Tea Gift Box 250g", ((),), (400, 450), expiry="food"),
    F("EN", "B", "USB-C Charger 65W", ((),), (120, 140)),
    F("EN", "A", "Linen Tote Bag", (("Natural", "Black"),), (150, 180)),
    F("EN", "D", "Bamboo Cutting Board", (("M", "L"),), (600, 1100)),
    F("EN", "A", "Silk Sleep Mask", ((),), (30, 40)),
    F("EN", "B", "LED Desk Lamp", ((),), (900, 1100)),
    F("EN", "C", "Jasmine Green Tea 100g", ((),), (150, 170), expiry="food"),
)
# fmt: on

#: Small free items put into parcels as gift lines (赠品); never ordered on their own.
GIFTS: tuple[ProductFamily, ...] = (
    F("GF", "A", "品牌帆布袋 赠品", ((),), (90, 110), threshold=50),
    F("GF", "A", "定制钥匙扣 赠品", ((),), (20, 30), threshold=50),
    F("GF", "C", "精华液试用装 5ml 赠品", ((),), (20, 25), expiry="cosmetic", threshold=50),
    F("GF", "C", "面霜小样 5g 赠品", ((),), (20, 25), expiry="cosmetic", threshold=50),
    F("GF", "A", "贴纸套装 赠品", ((),), (20, 30), threshold=50),
)

#: Codes that some platforms still send but that left the catalogue (review flags them).
DISCONTINUED_CODES: tuple[str, ...] = ("EL-19003", "BT-19021", "HM-19107", "FD-19015")

#: Shelf life in days by kind of expiry-tracked goods.
SHELF_LIFE_DAYS: dict[str, tuple[int, int]] = {"food": (180, 540), "cosmetic": (730, 1095)}

#: Warehouse layout: zone → (aisles, bays per aisle, levels per bay).
ZONES: tuple[tuple[str, int, int, int], ...] = (
    ("A", 4, 10, 4),
    ("B", 4, 10, 4),
    ("C", 5, 10, 4),
    ("D", 4, 8, 3),
    ("E", 3, 8, 3),
)
#: The returns / quarantine aisle (隔离区): locations exist but hold no stock.
QUARANTINE_AISLE = ("E", 9, 4, 2)

#: Shops with their share of orders, the order-number style and the share of English buyers.
SHOPS: tuple[tuple[str, float, str, float], ...] = (
    ("天猫旗舰店", 0.30, "tmall", 0.08),
    ("京东自营店", 0.20, "jd", 0.06),
    ("抖音小店", 0.18, "douyin", 0.02),
    ("拼多多专营店", 0.20, "pdd", 0.01),
    ("Shopify Global", 0.12, "shopify", 0.90),
)

CARRIERS: tuple[str, ...] = ("SF", "ZTO", "YTO", "STO", "YUNDA", "JD", "EMS", "JT")
#: Relative use of each carrier by shops other than JD (JD ships mostly with JD).
CARRIER_WEIGHTS: tuple[float, ...] = (0.16, 0.22, 0.16, 0.10, 0.14, 0.03, 0.06, 0.13)

NOTES_CN: tuple[str, ...] = (
    "请用顺丰",
    "送人的，别放发票",
    "周末不在家，请放快递柜",
    "请尽快发货，谢谢",
    "包装结实一点，谢谢",
    "不要放广告单",
    "需要开发票，抬头见留言",
    "生日礼物，请帮忙写贺卡：生日快乐",
    "放门卫室就好",
    "易碎品请多包几层气泡膜",
)
NOTES_EN: tuple[str, ...] = (
    "Please gift wrap",
    "Leave at the front desk",
    "Call before delivery please",
    "No invoice in the parcel please",
)
NOTE_ON_HOLD = "买家要求修改地址，暂停发货"

SURNAMES: tuple[str, ...] = (
    # the most common surnames appear twice: they are that much more frequent
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
    "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
    "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
    "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈",
    "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟",
    "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
    "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵",
    "欧阳", "司马", "上官",
)  # fmt: skip
GIVEN_MALE = "伟强磊军洋勇杰涛明超斌鹏辉浩宇俊凯峰建华志文博然晨阳轩泽睿航鑫毅"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀婷雪琳颖倩欣怡佳悦梦萱晴雨诗涵思琪璐瑶慧玲"

FIRST_NAMES_EN: tuple[str, ...] = (
    "Emily", "James", "Olivia", "Daniel", "Sophie", "Michael", "Chloe", "David", "Grace",
    "Thomas", "Hannah", "William", "Lucy", "Benjamin", "Amelia", "Jack", "Charlotte", "Ryan",
    "Isabella", "Matthew", "Jessica", "Andrew", "Sarah", "Kevin", "Rachel", "Jason", "Vivian",
    "Eric", "Cindy", "Tony", "Anna", "Peter", "Natalie", "Oliver", "Mia", "Lucas",
)  # fmt: skip
LAST_NAMES_EN: tuple[str, ...] = (
    "Carter", "Smith", "Johnson", "Brown", "Wilson", "Taylor", "Anderson", "Moore", "Martin",
    "Lee", "Walker", "Hall", "Young", "King", "Wright", "Green", "Baker", "Evans", "Chan",
    "Wong", "Cheung", "Lau", "Ng", "Leung", "Ho", "Chow", "Tsang", "Lam", "Schmidt",
    "Dubois", "Rossi", "Kim", "Tanaka", "Nguyen", "Garcia", "Murphy",
)  # fmt: skip

#: Mobile prefixes of the three operators (and the virtual operators' 17x).
MOBILE_PREFIXES: tuple[str, ...] = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "166", "176", "177", "180", "181", "182",
    "183", "185", "186", "187", "188", "189", "191", "195", "198", "199",
)  # fmt: skip
#: Phone numbers as people mistype them (review must flag each one).
BAD_PHONES: tuple[str, ...] = (
    "138123",
    "12345678901",
    "1390000000",
    "1881234567",
    "电话见备注",
    "000000",
)


class Region(NamedTuple):
    province: str
    city: str
    districts: tuple[str, ...]
    roads: tuple[str, ...]
    weight: float


R = Region
_COMMON_ROADS = ("人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "文化路", "长江路")

REGIONS_CN: tuple[Region, ...] = (
    R("广东省", "深圳市", ("南山区", "福田区", "宝安区", "龙岗区", "罗湖区", "龙华区"),
      ("深南大道", "科技园南区科苑路", "滨海大道", "宝安大道", "福华三路", "后海大道"), 6),
    R("广东省", "广州市", ("天河区", "越秀区", "海珠区", "番禺区", "白云区"),
      ("天河路", "中山五路", "珠江东路", "环市东路", "工业大道"), 5),
    R("广东省", "东莞市", ("长安镇", "虎门镇", "南城街道", "松山湖"),
      ("东莞大道", "长安路", "鸿福路"), 2),
    R("北京市", "北京市", ("朝阳区", "海淀区", "东城区", "西城区", "丰台区", "通州区"),
      ("建国路", "中关村大街", "东直门南大街", "西单北大街", "望京街", "知春路"), 6),
    R("上海市", "上海市", ("浦东新区", "徐汇区", "静安区", "闵行区", "长宁区", "杨浦区"),
      ("世纪大道", "南京西路", "淮海中路", "漕溪北路", "虹桥路", "张江路"), 6),
    R("浙江省", "杭州市", ("西湖区", "余杭区", "滨江区", "上城区", "拱墅区"),
      ("文三路", "江南大道", "文一西路", "延安路", "莫干山路"), 4),
    R("浙江省", "宁波市", ("鄞州区", "海曙区", "江北区"),
      ("中山东路", "天童南路", *_COMMON_ROADS), 2),
    R("江苏省", "南京市", ("鼓楼区", "玄武区", "江宁区", "建邺区"),
      ("中山路", "汉中路", "江东中路", "双龙大道"), 3),
    R("江苏省", "苏州市", ("姑苏区", "吴中区", "虎丘区", "相城区"),
      ("干将路", "星湖街", "金鸡湖大道", "人民路"), 3),
    R("四川省", "成都市", ("武侯区", "锦江区", "青羊区", "金牛区", "成华区"),
      ("天府大道", "春熙路", "人民南路", "蜀汉路", "建设路"), 4),
    R("湖北省", "武汉市", ("洪山区", "江汉区", "武昌区", "江岸区"),
      ("珞喻路", "中山大道", "解放大道", "中北路"), 3),
    R("陕西省", "西安市", ("雁塔区", "碑林区", "未央区", "莲湖区"),
      ("长安南路", "小寨东路", "未央路", "高新路"), 3),
    R("重庆市", "重庆市", ("渝中区", "江北区", "沙坪坝区", "渝北区", "九龙坡区"),
      ("解放碑民族路", "观音桥步行街", "三峡广场", "金开大道"), 3),
    R("天津市", "天津市", ("和平区", "南开区", "河西区", "滨海新区"),
      ("南京路", "卫津路", "友谊路", "黄海路"), 2),
    R("山东省", "济南市", ("历下区", "市中区", "槐荫区"), ("泉城路", "经十路", "舜耕路"), 2),
    R("山东省", "青岛市", ("市南区", "崂山区", "黄岛区", "李沧区"),
      ("香港中路", "东海西路", "海尔路"), 2),
    R("福建省", "厦门市", ("思明区", "湖里区", "集美区"), ("湖滨南路", "嘉禾路", "环岛路"), 2),
    R("福建省", "福州市", ("鼓楼区", "仓山区", "台江区"), ("五四路", "工业路", "杨桥中路"), 1.5),
    R("湖南省", "长沙市", ("岳麓区", "芙蓉区", "雨花区", "天心区"),
      ("五一大道", "麓山南路", "韶山中路"), 2.5),
    R("河南省", "郑州市", ("金水区", "二七区", "中原区", "管城回族区"),
      ("花园路", "农业路", "中原中路"), 2.5),
    R("安徽省", "合肥市", ("蜀山区", "包河区", "庐阳区", "瑶海区"),
      ("长江西路", "金寨路", "徽州大道"), 2),
    R("辽宁省", "沈阳市", ("和平区", "沈河区", "皇姑区", "铁西区"),
      ("中山路", "青年大街", "北陵大街"), 1.5),
    R("辽宁省", "大连市", ("中山区", "沙河口区", "西岗区", "甘井子区"),
      ("人民路", "中山路", "黄河路"), 1.5),
    R("云南省", "昆明市", ("五华区", "盘龙区", "官渡区"), ("人民中路", "北京路", "滇池路"), 1.5),
    R("广西壮族自治区", "南宁市", ("青秀区", "兴宁区", "西乡塘区"),
      ("民族大道", "朝阳路", "大学东路"), 1.5),
    R("黑龙江省", "哈尔滨市", ("南岗区", "道里区", "香坊区"),
      ("中央大街", "红军街", "学府路"), 1.5),
    R("吉林省", "长春市", ("朝阳区", "南关区", "绿园区"), ("人民大街", "自由大路", "西安大路"), 1),
    R("河北省", "石家庄市", ("长安区", "桥西区", "裕华区"), ("中山东路", "槐安路", "裕华路"), 1.5),
    R("江西省", "南昌市", ("东湖区", "红谷滩区", "青山湖区"), ("八一大道", "红谷中大道"), 1.5),
    R("贵州省", "贵阳市", ("云岩区", "南明区", "观山湖区"), ("中华北路", "遵义路", "长岭北路"), 1),
    R("海南省", "海口市", ("美兰区", "龙华区", "秀英区"), ("国兴大道", "滨海大道", "龙昆南路"), 1),
    R("山西省", "太原市", ("小店区", "迎泽区", "杏花岭区"), ("迎泽大街", "长风街", "并州路"), 1),
    R("甘肃省", "兰州市", ("城关区", "七里河区", "安宁区"),
      ("东岗西路", "庆阳路", "西津西路"), 0.8),
    R("内蒙古自治区", "呼和浩特市", ("新城区", "赛罕区", "回民区"), ("新华大街", "大学东街"), 0.6),
    R("新疆维吾尔自治区", "乌鲁木齐市", ("天山区", "沙依巴克区", "新市区"),
      ("解放北路", "友好北路", "北京南路"), 0.6),
)  # fmt: skip

#: Residential compounds and office buildings that appear in street addresses.
COMPOUNDS: tuple[str, ...] = (
    "阳光花园", "碧桂园", "万科城", "华润城", "金地名苑", "保利花园", "绿地世纪城", "恒大名都",
    "龙湖春江郦城", "世纪花园", "翡翠湾", "锦绣家园", "融创壹号院", "中海国际社区", "招商花园城",
    "金色家园", "幸福里", "东方明珠苑",
)  # fmt: skip
OFFICES: tuple[str, ...] = (
    "腾讯大厦", "国贸大厦", "环球金融中心", "科技大厦", "创业大厦", "中心广场A座", "汇金中心B座",
    "软件园二期", "万达广场写字楼", "时代广场",
)  # fmt: skip


class RegionEn(NamedTuple):
    province: str
    city: str
    districts: tuple[str, ...]
    streets: tuple[str, ...]
    hong_kong: bool


REGIONS_EN: tuple[RegionEn, ...] = (
    RegionEn("Hong Kong", "Hong Kong",
             ("Central and Western", "Wan Chai", "Eastern", "Yau Tsim Mong", "Kowloon City",
              "Sha Tin", "Kwun Tong", "Tsuen Wan", "Sai Kung"),
             ("Queen's Road Central", "Hennessy Road", "Nathan Road", "King's Road",
              "Des Voeux Road Central", "Canton Road", "Tai Koo Shing Road", "Castle Peak Road"),
             True),
    RegionEn("Guangdong", "Shenzhen", ("Nanshan District", "Futian District", "Luohu District"),
             ("Keyuan Road", "Shennan Avenue", "Houhai Avenue"), False),
    RegionEn("Shanghai", "Shanghai", ("Jing'an District", "Xuhui District", "Pudong New Area"),
             ("Nanjing West Road", "Huaihai Middle Road", "Century Avenue"), False),
    RegionEn("Beijing", "Beijing", ("Chaoyang District", "Haidian District", "Dongcheng District"),
             ("Jianguo Road", "Zhongguancun Street", "Dongzhimen South Street"), False),
    RegionEn("Guangdong", "Guangzhou", ("Tianhe District", "Yuexiu District"),
             ("Tianhe Road", "Zhujiang East Road"), False),
    RegionEn("Zhejiang", "Hangzhou", ("Xihu District", "Binjiang District"),
             ("Wensan Road", "Jiangnan Avenue"), False),
    RegionEn("Sichuan", "Chengdu", ("Wuhou District", "Jinjiang District"),
             ("Tianfu Avenue", "Chunxi Road"), False),
)  # fmt: skip
BUILDINGS_EN: tuple[str, ...] = (
    "Vanke City", "Mixc Residences", "Poly Garden", "Times Square", "Kerry Centre",
    "Park View Residences", "Harbour Court", "Taikoo Shing", "City Garden", "Riverside Towers",
)  # fmt: skip
