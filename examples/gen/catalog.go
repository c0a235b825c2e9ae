package main

import (
	"slices"
	"strings"
)

// industry is one industries entry of examples/categories.yaml.
type industry struct {
	id, name, nameZH, color string
}

// product is a thing a factory makes, in English and Chinese.
type product struct {
	en, zh string
}

// category is one categories entry of examples/categories.yaml, with the
// products the generator draws for factories in it. Every product name
// contains one of its category's keywords and none of another category's
// (checkCatalog enforces this), so a loader that falls back on keywords
// matches each product to exactly one category.
type category struct {
	id, name, nameZH, industry string
	keywords                   []string // lower case, English then Chinese
	products                   []product
	words                      []product // company-name industry words, e.g. 电子 Electronics
}

// pinyin is each category's words in pinyin without tones, as people
// type them into a search box (xie, wanju): keywords after the English
// and Chinese ones. A search of the example suppliers for "xie" had found
// nothing, and "wanju" five companies named Wanyu.
var pinyin = map[string][]string{
	"apparel":              {"fuzhuang", "fushi", "niuzaiku", "lianyiqun", "yurongfu", "tongzhuang", "yongzhuang", "neiyi", "yundongfu"},
	"textiles":             {"fangzhi", "mianliao", "mianbu", "chuanglianbu", "shaxian", "chuangshangyongpin", "maojin"},
	"footwear":             {"xie", "xielei", "xiezi", "yundongxie", "xuezi"},
	"toys":                 {"wanju", "jimu", "wawa", "fengzheng"},
	"bags-luggage":         {"xiangbao", "beibao", "xinglixiang", "shoutibao", "shubao", "qianbao"},
	"jewelry-accessories":  {"shipin", "shoushi", "fashi", "erhuan", "xianglian", "shoulian", "jiafa", "zhuzi"},
	"furniture":            {"jiaju", "shafa", "yizi", "canzhuo", "chuangdian", "yigui"},
	"kitchenware":          {"chuju", "guoju", "daoju", "canju", "baowenbei"},
	"home-decor":           {"jiajushipin", "zhuangshi", "fangzhenhua", "xiangkuang", "lazhu", "huaping", "shidiao"},
	"consumer-electronics": {"dianzi", "lanya", "yinxiang", "erji", "yidongdianyuan", "shoujike", "zhinengshoubiao", "pingbandiannao", "xianshiqi", "chongdianqi", "dianluban"},
	"small-appliances":     {"xiaojiadian", "dianreshuihu", "kongqizhaguo", "dianchuifeng", "jiaobanji", "dianfengshan", "dianfanbao"},
	"led-lighting":         {"zhaoming", "dengju", "shoudiantong"},
	"batteries":            {"dianchi", "lidian", "chuneng"},
	"solar-pv":             {"guangfu", "taiyangneng", "nibianqi"},
	"cables-wires":         {"dianlan", "dianxian", "wangxian", "xianshu", "qibaoxian", "lianjieqi"},
	"tools-hardware":       {"wujin", "gongju", "heye", "dianzuan", "guanjian"},
	"fasteners":            {"jingujian", "luoshuan", "luomu", "luosi", "maoding", "dianquan"},
	"machinery":            {"jixie", "jichuang", "chechuang", "zhusuji", "guanzhuangji", "zhoucheng", "chilunxiang"},
	"auto-parts":           {"qichelingbujian", "qipei", "shachepian", "lvqingqi", "jianzhenqi", "yugua", "huohuasai", "sanreqi"},
	"ebikes-motorcycles":   {"diandongche", "diandongzixingche", "zixingche", "motuoche", "huabanche"},
	"tires":                {"luntai", "neitai", "xiangjiao"},
	"paper-packaging":      {"baozhuang", "zhixiang", "waleng", "lipinhe", "niupizhi", "zhibei"},
	"plastic-products":     {"suliao", "sujiao", "zhusujian"},
	"printing":             {"yinshua", "biaoqian", "xuanchuance", "tushu", "tiezhi", "diaopai", "mulu"},
	"medical-supplies":     {"yiyong", "yiliao", "zhusheqi", "kouzhao", "shoutao", "shabu", "bengdai", "shoushu"},
	"cosmetics":            {"huazhuangpin", "kouhong", "hufu", "xifashui", "zhijiayou", "xiangshui", "xishuyongpin"},
	"sporting-goods":       {"tiyuyongpin", "jianshen", "yujia", "diaoyu", "zhangpeng", "qiupai", "zuqiu", "huwai"},
}

// allKeywords are c's keywords and its pinyin.
func (c category) allKeywords() []string {
	return append(append([]string(nil), c.keywords...), pinyin[c.id]...)
}

// productNames are the products of each category, each a list of its
// names among the category's keywords and pinyin (hair dryer, hairdryer,
// 电吹风, 吹风机, dianchuifeng): categories.yaml lists them as its
// products, and the other words, which name the category as a whole
// (shoe, 鞋, xie), as its keywords. A search for "hair dryer", 电吹风 or
// 吹风机 then finds the suppliers whose products say hair dryers rather
// than every small-appliance supplier.
var productNames = map[string][][]string{
	"apparel":              {{"t-shirt", "t恤"}, {"jeans", "牛仔裤", "niuzaiku"}, {"dress", "连衣裙", "lianyiqun"}, {"down jacket", "羽绒服", "yurongfu"}, {"swimwear", "泳装", "yongzhuang"}, {"underwear", "内衣", "neiyi"}, {"sportswear", "运动服", "yundongfu"}, {"童装", "tongzhuang"}},
	"textiles":             {{"yarn", "纱线", "shaxian"}, {"bed linen", "床上用品", "chuangshangyongpin"}, {"towel", "毛巾", "maojin"}, {"棉布", "mianbu"}, {"窗帘布", "chuanglianbu"}},
	"footwear":             {{"sneaker", "yundongxie"}, {"slipper"}, {"boot", "靴", "xuezi"}, {"sandal"}},
	"toys":                 {{"plush"}, {"doll", "娃娃", "wawa"}, {"building brick", "积木", "jimu"}, {"kite", "风筝", "fengzheng"}},
	"bags-luggage":         {{"backpack", "背包", "beibao"}, {"suitcase", "行李箱", "xinglixiang"}, {"handbag", "手提包", "shoutibao"}, {"wallet", "钱包", "qianbao"}, {"书包", "shubao"}},
	"jewelry-accessories":  {{"earring", "耳环", "erhuan"}, {"necklace", "项链", "xianglian"}, {"bracelet", "手链", "shoulian"}, {"hair accessories", "发饰", "fashi"}, {"wig", "假发", "jiafa"}, {"bead", "珠子", "zhuzi"}},
	"furniture":            {{"sofa", "沙发", "shafa"}, {"chair", "椅", "yizi"}, {"dining table", "餐桌", "canzhuo"}, {"mattress", "床垫", "chuangdian"}, {"wardrobe", "衣柜", "yigui"}},
	"kitchenware":          {{"knife", "knives", "刀具", "daoju"}, {"cutlery"}, {"flask", "保温杯", "baowenbei"}},
	"home-decor":           {{"artificial flower", "仿真花", "fangzhenhua"}, {"photo frame", "相框", "xiangkuang"}, {"candle", "蜡烛", "lazhu"}, {"vase", "花瓶", "huaping"}, {"carving", "石雕", "shidiao"}},
	"consumer-electronics": {{"bluetooth", "蓝牙", "lanya"}, {"speaker", "音箱", "yinxiang"}, {"earphone", "耳机", "erji"}, {"power bank", "移动电源", "yidongdianyuan"}, {"phone case", "手机壳", "shoujike"}, {"smart watch", "智能手表", "zhinengshoubiao"}, {"tablet", "平板电脑", "pingbandiannao"}, {"monitor", "显示器", "xianshiqi"}, {"charger", "充电器", "chongdianqi"}, {"circuit board", "电路板", "dianluban"}},
	"small-appliances":     {{"kettle", "电热水壶", "电水壶", "dianreshuihu"}, {"air fryer", "空气炸锅", "kongqizhaguo"}, {"hair dryer", "hairdryer", "电吹风", "吹风机", "dianchuifeng"}, {"blender", "搅拌机", "jiaobanji"}, {"electric fan", "电风扇", "dianfengshan"}, {"rice cooker", "电饭煲", "dianfanbao"}},
	"led-lighting":         {{"led bulb"}, {"led strip"}, {"led lamp"}, {"lamp"}, {"chandelier"}, {"flashlight", "手电筒", "shoudiantong"}, {"downlight"}, {"street light"}},
	"batteries":            {{"lithium", "锂电", "lidian"}, {"button cell"}},
	"solar-pv":             {{"pv module"}, {"pv mounting"}, {"inverter", "逆变器", "nibianqi"}},
	"cables-wires":         {{"harness", "线束", "xianshu"}, {"connector", "连接器", "lianjieqi"}, {"网线", "wangxian"}, {"漆包线", "qibaoxian"}},
	"tools-hardware":       {{"door lock", "锁"}, {"padlock"}, {"hinge", "合页", "heye"}, {"drill", "电钻", "dianzuan"}, {"pipe fitting", "管件", "guanjian"}},
	"fasteners":            {{"bolt", "螺栓", "luoshuan"}, {"nut", "螺母", "luomu"}, {"screw", "螺丝", "luosi"}, {"rivet", "铆钉", "maoding"}, {"washer", "垫圈", "dianquan"}},
	"machinery":            {{"cnc", "机床", "jichuang"}, {"lathe", "车床", "chechuang"}, {"pump", "泵"}, {"valve", "阀"}, {"bearing", "轴承", "zhoucheng"}, {"gearbox", "齿轮箱", "chilunxiang"}, {"注塑机", "zhusuji"}, {"灌装机", "guanzhuangji"}},
	"auto-parts":           {{"brake pad", "刹车片", "shachepian"}, {"oil filter", "滤清器", "lvqingqi"}, {"shock absorber", "减震器", "jianzhenqi"}, {"wiper blade", "雨刮", "yugua"}, {"spark plug", "火花塞", "huohuasai"}, {"radiator", "散热器", "sanreqi"}},
	"ebikes-motorcycles":   {{"bicycle", "自行车", "zixingche"}, {"motorcycle", "摩托车", "motuoche"}, {"scooter", "滑板车", "huabanche"}},
	"tires":                {{"inner tube", "内胎", "neitai"}, {"rubber", "橡胶", "xiangjiao"}},
	"paper-packaging":      {{"carton", "纸箱", "zhixiang"}, {"corrugated", "瓦楞", "waleng"}, {"gift box", "礼品盒", "lipinhe"}, {"kraft", "牛皮纸", "niupizhi"}, {"paper cup", "纸杯", "zhibei"}},
	"plastic-products":     {{"pvc"}, {"pet bottle"}, {"injection-molded", "注塑件", "zhusujian"}},
	"printing":             {{"label", "标签", "biaoqian"}, {"brochure", "宣传册", "xuanchuance"}, {"book", "图书", "tushu"}, {"sticker", "贴纸", "tiezhi"}, {"hang tag", "吊牌", "diaopai"}, {"catalogue", "目录", "mulu"}},
	"medical-supplies":     {{"syringe", "注射器", "zhusheqi"}, {"face mask", "口罩", "kouzhao"}, {"glove", "手套", "shoutao"}, {"gauze", "纱布", "shabu"}, {"bandage", "绷带", "bengdai"}, {"surgical", "手术", "shoushu"}},
	"cosmetics":            {{"lipstick", "口红", "kouhong"}, {"skin care", "护肤", "hufu"}, {"shampoo", "洗发水", "xifashui"}, {"nail polish", "指甲油", "zhijiayou"}, {"perfume", "香水", "xiangshui"}, {"toiletries", "洗漱用品", "xishuyongpin"}},
	"sporting-goods":       {{"fitness", "健身", "jianshen"}, {"yoga", "瑜伽", "yujia"}, {"fishing", "钓鱼", "diaoyu"}, {"tent", "帐篷", "zhangpeng"}, {"badminton racket", "球拍", "qiupai"}, {"football", "足球", "zuqiu"}, {"camping", "户外", "huwai"}},
}

// searchWords splits c's keywords and pinyin into those naming it whole,
// in the order of allKeywords, and its products' names: those of
// productNames, each with the names of the products the generator draws
// that share one of them (Sneakers, 运动鞋 with sneaker and yundongxie),
// then the other products the generator draws, each in English and
// Chinese, in their order. The suppliers' products are in English: a
// product the categories name only in Chinese (童装, 注塑机) had never
// found its makers, nor had one whose names left out the generator's
// (运动鞋 found every footwear supplier).
func (c category) searchWords() (whole []string, products [][]string) {
	for _, w := range c.allKeywords() {
		if !slices.ContainsFunc(productNames[c.id], func(names []string) bool { return slices.Contains(names, w) }) {
			whole = append(whole, w)
		}
	}
	for _, names := range productNames[c.id] {
		products = append(products, slices.Clone(names))
	}
	for _, p := range c.products {
		en, zh := strings.ToLower(p.en), strings.ToLower(p.zh)
		// An English name is the same as a singular one (a search reads
		// plurals as singulars).
		sameEN := func(w string) bool { return w == en || w+"s" == en || w+"es" == en }
		k := slices.IndexFunc(products, func(names []string) bool {
			return slices.ContainsFunc(names, func(w string) bool { return w == zh || sameEN(w) })
		})
		if k < 0 {
			products, k = append(products, nil), len(products)
		}
		if !slices.ContainsFunc(products[k], sameEN) {
			products[k] = append(products[k], en)
		}
		if !slices.Contains(products[k], zh) {
			products[k] = append(products[k], zh)
		}
	}
	return whole, products
}

// industries uses Paul Tol's colour-blind-safe "muted" palette.
var industries = []industry{
	{"apparel-textiles", "Apparel & textiles", "服装纺织", "#332288"},
	{"consumer-goods", "Consumer goods", "日用消费品", "#cc6677"},
	{"home-living", "Home & living", "家居生活", "#117733"},
	{"electronics", "Electronics & appliances", "电子电器", "#ddcc77"},
	{"energy-electrical", "Energy & electrical", "能源电气", "#88ccee"},
	{"hardware-machinery", "Hardware & machinery", "五金机械", "#44aa99"},
	{"vehicles", "Vehicles & parts", "汽车与车辆", "#882255"},
	{"packaging-printing", "Packaging & printing", "包装印刷", "#999933"},
	{"health-sport", "Health, beauty & sport", "健康美容运动", "#aa4499"},
}

var categories = []category{
	{id: "apparel", name: "Apparel", nameZH: "服装", industry: "apparel-textiles",
		keywords: []string{"apparel", "clothing", "garment", "t-shirt", "jeans", "dress", "down jacket", "swimwear", "underwear", "sportswear", "服装", "服饰", "t恤", "牛仔裤", "连衣裙", "羽绒服", "童装", "泳装", "内衣", "运动服"},
		products: []product{{"T-shirts", "T恤"}, {"Jeans", "牛仔裤"}, {"Dresses", "连衣裙"}, {"Down jackets", "羽绒服"}, {"Children's clothing", "童装"}, {"Swimwear", "泳装"}, {"Underwear", "内衣"}, {"Sportswear", "运动服"}},
		words:    []product{{"Garment", "服装"}, {"Apparel", "服饰"}, {"Clothing", "制衣"}}},
	{id: "textiles", name: "Textiles", nameZH: "纺织面料", industry: "apparel-textiles",
		keywords: []string{"textile", "fabric", "yarn", "bed linen", "towel", "纺织", "面料", "棉布", "窗帘布", "纱线", "床上用品", "毛巾"},
		products: []product{{"Cotton fabric", "棉布"}, {"Polyester fabric", "涤纶面料"}, {"Silk fabric", "真丝面料"}, {"Yarn", "纱线"}, {"Bed linen", "床上用品"}, {"Towels", "毛巾"}, {"Curtain fabric", "窗帘布"}},
		words:    []product{{"Textile", "纺织"}, {"Knitting", "针织"}, {"Weaving", "织造"}}},
	{id: "footwear", name: "Footwear", nameZH: "鞋类", industry: "apparel-textiles",
		keywords: []string{"footwear", "shoe", "sneaker", "slipper", "boot", "sandal", "鞋", "靴"},
		products: []product{{"Sneakers", "运动鞋"}, {"Leather shoes", "皮鞋"}, {"Slippers", "拖鞋"}, {"Children's shoes", "童鞋"}, {"Boots", "靴子"}, {"Shoe soles", "鞋底"}, {"Sandals", "凉鞋"}},
		words:    []product{{"Footwear", "鞋业"}, {"Shoes", "制鞋"}}},

	{id: "toys", name: "Toys", nameZH: "玩具", industry: "consumer-goods",
		keywords: []string{"toy", "plush", "doll", "building brick", "kite", "玩具", "积木", "娃娃", "风筝"},
		products: []product{{"Plush toys", "毛绒玩具"}, {"Remote-control toys", "遥控玩具"}, {"Building bricks", "积木"}, {"Dolls", "娃娃"}, {"Educational toys", "益智玩具"}, {"Kites", "风筝"}},
		words:    []product{{"Toys", "玩具"}, {"Gifts", "礼品"}}},
	{id: "bags-luggage", name: "Bags & luggage", nameZH: "箱包", industry: "consumer-goods",
		keywords: []string{"bag", "backpack", "luggage", "suitcase", "handbag", "wallet", "箱包", "背包", "行李箱", "手提包", "书包", "钱包"},
		products: []product{{"Backpacks", "背包"}, {"Suitcases", "行李箱"}, {"Handbags", "手提包"}, {"School bags", "书包"}, {"Leather wallets", "真皮钱包"}},
		words:    []product{{"Bags", "箱包"}, {"Leather Goods", "皮具"}, {"Travel Goods", "旅游用品"}}},
	{id: "jewelry-accessories", name: "Jewelry & accessories", nameZH: "饰品配件", industry: "consumer-goods",
		keywords: []string{"jewelry", "jewellery", "earring", "necklace", "bracelet", "hair accessories", "wig", "bead", "饰品", "首饰", "发饰", "耳环", "项链", "手链", "假发", "珠子"},
		products: []product{{"Fashion jewelry", "时尚饰品"}, {"Hair accessories", "发饰"}, {"Earrings", "耳环"}, {"Necklaces", "项链"}, {"Wigs", "假发"}, {"Gemstone beads", "宝石珠子"}, {"Bracelets", "手链"}},
		words:    []product{{"Accessories", "饰品"}, {"Jewelry", "首饰"}}},

	{id: "furniture", name: "Furniture", nameZH: "家具", industry: "home-living",
		keywords: []string{"furniture", "sofa", "chair", "dining table", "mattress", "wardrobe", "家具", "沙发", "椅", "餐桌", "床垫", "衣柜"},
		products: []product{{"Sofas", "沙发"}, {"Office chairs", "办公椅"}, {"Dining tables", "餐桌"}, {"Mattresses", "床垫"}, {"Wardrobes", "衣柜"}, {"Garden furniture", "庭院家具"}},
		words:    []product{{"Furniture", "家具"}, {"Home Furnishing", "家居"}}},
	{id: "kitchenware", name: "Kitchenware", nameZH: "厨具餐具", industry: "home-living",
		keywords: []string{"kitchenware", "cookware", "knife", "knives", "tableware", "cutlery", "flask", "厨具", "锅具", "刀具", "餐具", "保温杯"},
		products: []product{{"Stainless steel cookware", "不锈钢锅具"}, {"Kitchen knives", "厨房刀具"}, {"Ceramic tableware", "陶瓷餐具"}, {"Cutlery", "刀叉餐具"}, {"Vacuum flasks", "保温杯"}},
		words:    []product{{"Kitchenware", "厨具"}, {"Stainless Steel Products", "不锈钢制品"}, {"Ceramics", "陶瓷"}}},
	{id: "home-decor", name: "Home decor", nameZH: "家居饰品", industry: "home-living",
		keywords: []string{"home decor", "decoration", "artificial flower", "photo frame", "candle", "vase", "carving", "家居饰品", "装饰", "仿真花", "相框", "蜡烛", "花瓶", "石雕"},
		products: []product{{"Artificial flowers", "仿真花"}, {"Photo frames", "相框"}, {"Candles", "蜡烛"}, {"Ceramic vases", "陶瓷花瓶"}, {"Christmas decorations", "圣诞装饰"}, {"Stone carvings", "石雕"}},
		words:    []product{{"Arts & Crafts", "工艺品"}, {"Home Decor", "家居饰品"}}},

	{id: "consumer-electronics", name: "Consumer electronics", nameZH: "消费电子", industry: "electronics",
		keywords: []string{"electronic", "bluetooth", "speaker", "earphone", "power bank", "phone case", "smart watch", "tablet", "monitor", "charger", "circuit board", "电子", "蓝牙", "音箱", "耳机", "移动电源", "手机壳", "智能手表", "平板电脑", "显示器", "充电器", "电路板"},
		products: []product{{"Bluetooth speakers", "蓝牙音箱"}, {"Earphones", "耳机"}, {"Power banks", "移动电源"}, {"Phone cases", "手机壳"}, {"Smart watches", "智能手表"}, {"Tablets", "平板电脑"}, {"Chargers", "充电器"}, {"Printed circuit boards", "印制电路板"}},
		words:    []product{{"Electronics", "电子"}, {"Electronic Technology", "电子科技"}, {"Digital Technology", "数码科技"}}},
	{id: "small-appliances", name: "Small appliances", nameZH: "小家电", industry: "electronics",
		keywords: []string{"appliance", "kettle", "air fryer", "hair dryer", "hairdryer", "blender", "electric fan", "rice cooker", "小家电", "电热水壶", "电水壶", "空气炸锅", "电吹风", "吹风机", "搅拌机", "电风扇", "电饭煲"},
		products: []product{{"Electric kettles", "电热水壶"}, {"Air fryers", "空气炸锅"}, {"Hair dryers", "电吹风"}, {"Blenders", "搅拌机"}, {"Electric fans", "电风扇"}, {"Rice cookers", "电饭煲"}},
		words:    []product{{"Electrical Appliances", "电器"}, {"Home Appliances", "家电"}}},
	{id: "led-lighting", name: "LED lighting", nameZH: "LED照明", industry: "electronics",
		keywords: []string{"led bulb", "led strip", "led lamp", "lighting", "lamp", "chandelier", "flashlight", "downlight", "street light", "照明", "灯", "手电筒"},
		products: []product{{"LED bulbs", "LED灯泡"}, {"LED strips", "LED灯带"}, {"Street lights", "路灯"}, {"Chandeliers", "吊灯"}, {"Flashlights", "手电筒"}, {"Downlights", "筒灯"}},
		words:    []product{{"Lighting", "照明"}, {"Optoelectronics", "光电"}, {"Lamps", "灯饰"}}},

	{id: "batteries", name: "Batteries & storage", nameZH: "电池储能", industry: "energy-electrical",
		keywords: []string{"battery", "batteries", "lithium", "energy storage", "button cell", "电池", "锂电", "储能"},
		products: []product{{"Lithium-ion batteries", "锂电池"}, {"Battery packs", "电池组"}, {"Energy storage systems", "储能系统"}, {"Lead-acid batteries", "铅酸电池"}, {"Button cells", "纽扣电池"}},
		words:    []product{{"Battery", "电池"}, {"New Energy", "新能源"}, {"Power Technology", "电源科技"}}},
	{id: "solar-pv", name: "Solar PV", nameZH: "光伏", industry: "energy-electrical",
		keywords: []string{"solar", "photovoltaic", "pv module", "pv mounting", "inverter", "光伏", "太阳能", "逆变器"},
		products: []product{{"Solar panels", "太阳能板"}, {"Solar inverters", "光伏逆变器"}, {"PV mounting brackets", "光伏支架"}, {"Solar water heaters", "太阳能热水器"}},
		words:    []product{{"Photovoltaic", "光伏"}, {"Solar Energy", "太阳能"}}},
	{id: "cables-wires", name: "Cables & wires", nameZH: "电线电缆", industry: "energy-electrical",
		keywords: []string{"cable", "wire", "harness", "connector", "电缆", "电线", "网线", "线束", "漆包线", "连接器"},
		products: []product{{"Power cables", "电力电缆"}, {"Network cables", "网线"}, {"Wire harnesses", "线束"}, {"Enamelled copper wire", "漆包线"}, {"Connectors", "连接器"}},
		words:    []product{{"Wire & Cable", "电线电缆"}, {"Cable", "线缆"}, {"Electric", "电气"}}},

	{id: "tools-hardware", name: "Tools & hardware", nameZH: "五金工具", industry: "hardware-machinery",
		keywords: []string{"tool", "hardware", "door lock", "padlock", "hinge", "drill", "pipe fitting", "五金", "工具", "锁", "合页", "电钻", "管件"},
		products: []product{{"Hand tools", "手动工具"}, {"Power tools", "电动工具"}, {"Door locks", "门锁"}, {"Hinges", "合页"}, {"Padlocks", "挂锁"}, {"Cordless drills", "充电式电钻"}, {"Pipe fittings", "管件"}},
		words:    []product{{"Hardware", "五金"}, {"Tools", "工具"}, {"Hardware Products", "五金制品"}}},
	{id: "fasteners", name: "Fasteners", nameZH: "紧固件", industry: "hardware-machinery",
		keywords: []string{"fastener", "bolt", "nut", "screw", "rivet", "washer", "紧固件", "螺栓", "螺母", "螺丝", "铆钉", "垫圈"},
		products: []product{{"Bolts and nuts", "螺栓螺母"}, {"Screws", "螺丝"}, {"Rivets", "铆钉"}, {"Washers", "垫圈"}, {"Anchor bolts", "膨胀螺栓"}},
		words:    []product{{"Fasteners", "紧固件"}, {"Standard Parts", "标准件"}}},
	{id: "machinery", name: "Machinery", nameZH: "机械设备", industry: "hardware-machinery",
		keywords: []string{"machinery", "machine", "cnc", "lathe", "pump", "valve", "bearing", "gearbox", "机械", "机床", "车床", "注塑机", "灌装机", "泵", "阀", "轴承", "齿轮箱"},
		products: []product{{"CNC lathes", "数控车床"}, {"Injection molding machines", "注塑机"}, {"Filling machines", "灌装机"}, {"Pumps", "水泵"}, {"Valves", "阀门"}, {"Bearings", "轴承"}, {"Gearboxes", "齿轮箱"}},
		words:    []product{{"Machinery", "机械"}, {"Machinery Equipment", "机械设备"}, {"Precision Machinery", "精密机械"}}},

	{id: "auto-parts", name: "Auto parts", nameZH: "汽车零部件", industry: "vehicles",
		keywords: []string{"auto part", "brake pad", "oil filter", "shock absorber", "wiper blade", "spark plug", "radiator", "汽车零部件", "汽配", "刹车片", "滤清器", "减震器", "雨刮", "火花塞", "散热器"},
		products: []product{{"Brake pads", "刹车片"}, {"Oil filters", "机油滤清器"}, {"Shock absorbers", "减震器"}, {"Wiper blades", "雨刮片"}, {"Spark plugs", "火花塞"}, {"Radiators", "散热器"}},
		words:    []product{{"Auto Parts", "汽车零部件"}, {"Auto Accessories", "汽配"}}},
	{id: "ebikes-motorcycles", name: "E-bikes & motorcycles", nameZH: "电动车与摩托车", industry: "vehicles",
		keywords: []string{"e-bike", "electric bicycle", "bicycle", "motorcycle", "scooter", "电动车", "电动自行车", "自行车", "摩托车", "滑板车"},
		products: []product{{"Electric bicycles", "电动自行车"}, {"Motorcycles", "摩托车"}, {"Electric scooters", "电动滑板车"}, {"Bicycles", "自行车"}, {"Children's bicycles", "儿童自行车"}},
		words:    []product{{"Vehicle", "车业"}, {"Electric Vehicle", "电动车"}, {"Motorcycle", "摩托车"}}},
	{id: "tires", name: "Tires & rubber", nameZH: "轮胎橡胶", industry: "vehicles",
		keywords: []string{"tire", "tyre", "inner tube", "rubber", "轮胎", "内胎", "橡胶"},
		products: []product{{"Radial tires", "子午线轮胎"}, {"Truck tires", "卡车轮胎"}, {"Solid tires", "实心轮胎"}, {"Inner tubes", "内胎"}, {"Rubber hoses", "橡胶软管"}},
		words:    []product{{"Tire", "轮胎"}, {"Rubber", "橡胶"}}},

	{id: "paper-packaging", name: "Paper packaging", nameZH: "纸品包装", industry: "packaging-printing",
		keywords: []string{"packaging", "carton", "corrugated", "gift box", "kraft", "paper cup", "包装", "纸箱", "瓦楞", "礼品盒", "牛皮纸", "纸杯"},
		products: []product{{"Corrugated cartons", "瓦楞纸箱"}, {"Gift boxes", "礼品盒"}, {"Kraft paper", "牛皮纸"}, {"Paper cups", "纸杯"}, {"Molded pulp packaging", "纸浆模塑包装"}},
		words:    []product{{"Paper", "纸业"}, {"Packaging", "包装"}, {"Paper Products", "纸制品"}}},
	{id: "plastic-products", name: "Plastic products", nameZH: "塑料制品", industry: "packaging-printing",
		keywords: []string{"plastic", "pvc", "pet bottle", "injection-molded", "塑料", "塑胶", "注塑件"},
		products: []product{{"Injection-molded parts", "注塑件"}, {"PVC pipes", "PVC管材"}, {"Plastic containers", "塑料容器"}, {"PET bottles", "PET塑料瓶"}, {"Plastic film", "塑料薄膜"}},
		words:    []product{{"Plastic", "塑胶"}, {"Plastic Products", "塑料制品"}, {"Plastics", "塑业"}}},
	{id: "printing", name: "Printing & labels", nameZH: "印刷标签", industry: "packaging-printing",
		keywords: []string{"printing", "label", "brochure", "book", "sticker", "hang tag", "catalogue", "印刷", "标签", "宣传册", "图书", "贴纸", "吊牌", "目录"},
		products: []product{{"Labels", "标签"}, {"Brochures", "宣传册"}, {"Books", "图书印刷"}, {"Stickers", "贴纸"}, {"Hang tags", "吊牌"}, {"Catalogues", "产品目录"}},
		words:    []product{{"Printing", "印刷"}, {"Printing Services", "印务"}, {"Colour Printing", "彩印"}}},

	{id: "medical-supplies", name: "Medical supplies", nameZH: "医疗用品", industry: "health-sport",
		keywords: []string{"medical", "syringe", "face mask", "glove", "gauze", "bandage", "surgical", "医用", "医疗", "注射器", "口罩", "手套", "纱布", "绷带", "手术"},
		products: []product{{"Disposable syringes", "一次性注射器"}, {"Face masks", "口罩"}, {"Medical gloves", "医用手套"}, {"Surgical gowns", "手术衣"}, {"Gauze", "纱布"}, {"Bandages", "绷带"}},
		words:    []product{{"Medical Devices", "医疗器械"}, {"Medical Supplies", "医疗用品"}, {"Sanitary Materials", "卫生材料"}}},
	{id: "cosmetics", name: "Cosmetics & personal care", nameZH: "化妆品个护", industry: "health-sport",
		keywords: []string{"cosmetic", "lipstick", "skin care", "shampoo", "nail polish", "perfume", "toiletries", "化妆品", "口红", "护肤", "洗发水", "指甲油", "香水", "洗漱用品"},
		products: []product{{"Lipsticks", "口红"}, {"Skin care creams", "护肤霜"}, {"Shampoo", "洗发水"}, {"Nail polish", "指甲油"}, {"Perfume", "香水"}, {"Hotel toiletries", "酒店洗漱用品"}},
		words:    []product{{"Cosmetics", "化妆品"}, {"Daily Chemicals", "日化"}, {"Biotechnology", "生物科技"}}},
	{id: "sporting-goods", name: "Sporting goods", nameZH: "体育用品", industry: "health-sport",
		keywords: []string{"sporting goods", "fitness", "yoga", "fishing", "tent", "badminton racket", "football", "camping", "体育用品", "健身", "瑜伽", "钓鱼", "帐篷", "球拍", "足球", "户外"},
		products: []product{{"Fitness equipment", "健身器材"}, {"Yoga mats", "瑜伽垫"}, {"Fishing rods", "钓鱼竿"}, {"Camping tents", "户外帐篷"}, {"Badminton rackets", "羽毛球拍"}, {"Footballs", "足球"}},
		words:    []product{{"Sporting Goods", "体育用品"}, {"Sports Equipment", "运动器材"}, {"Outdoor Products", "户外用品"}}},
}

// genericWords are company-name industry words that name no trade; a few
// factories carry them instead of their category's word.
var genericWords = []product{{"Industrial", "实业"}, {"Technology", "科技"}, {"Trading", "贸易"}, {"Import & Export", "进出口"}}
