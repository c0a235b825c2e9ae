package main

// city is a manufacturing city factories are placed around. lat and lon are
// degrees (WGS84) of a point in the central urban area; weight is the
// city's relative share of the factories; radiusKm, when set, replaces the
// default jitter radius for cities on narrow land.
type city struct {
	id, en, zh, province string
	lat, lon             float64
	weight               int
	radiusKm             float64
	specialties          []string // category ids, most typical first
}

// defaultRadiusKm is how far factories spread around a city centre.
const defaultRadiusKm = 15

// cities are real prefecture-level cities (and a few county-level cities
// known for one trade, such as Yiwu, Jinjiang and Yongkang) with what they
// are broadly known for making. Weights put most factories in Guangdong,
// Zhejiang, Jiangsu, Fujian and Shandong and few in the west.
var cities = []city{
	// Guangdong
	{"shenzhen", "Shenzhen", "深圳", "CN-GD", 22.5431, 114.0579, 90, 0, []string{"consumer-electronics", "led-lighting", "batteries", "small-appliances", "jewelry-accessories", "medical-supplies"}},
	{"dongguan", "Dongguan", "东莞", "CN-GD", 23.0205, 113.7518, 90, 0, []string{"toys", "furniture", "footwear", "consumer-electronics", "apparel", "plastic-products"}},
	{"foshan", "Foshan", "佛山", "CN-GD", 23.0215, 113.1220, 60, 0, []string{"furniture", "small-appliances", "home-decor", "kitchenware", "led-lighting", "tools-hardware"}},
	{"guangzhou", "Guangzhou", "广州", "CN-GD", 23.1291, 113.2644, 60, 0, []string{"apparel", "bags-luggage", "cosmetics", "auto-parts", "textiles", "printing"}},
	{"zhongshan", "Zhongshan", "中山", "CN-GD", 22.5176, 113.3926, 35, 0, []string{"led-lighting", "small-appliances", "furniture", "home-decor"}},
	{"jiangmen", "Jiangmen", "江门", "CN-GD", 22.5787, 113.0819, 20, 0, []string{"kitchenware", "ebikes-motorcycles", "tools-hardware"}},
	{"huizhou", "Huizhou", "惠州", "CN-GD", 23.1115, 114.4161, 20, 0, []string{"consumer-electronics", "batteries", "led-lighting"}},
	{"shantou", "Shantou", "汕头", "CN-GD", 23.3541, 116.6819, 30, 10, []string{"toys", "plastic-products", "apparel"}},
	{"chaozhou", "Chaozhou", "潮州", "CN-GD", 23.6567, 116.6226, 12, 0, []string{"kitchenware", "home-decor", "apparel"}},
	{"jieyang", "Jieyang", "揭阳", "CN-GD", 23.5497, 116.3728, 10, 0, []string{"kitchenware", "tools-hardware", "footwear"}},
	{"zhuhai", "Zhuhai", "珠海", "CN-GD", 22.2707, 113.5767, 10, 10, []string{"small-appliances", "printing", "consumer-electronics"}},
	{"zhaoqing", "Zhaoqing", "肇庆", "CN-GD", 23.0469, 112.4651, 8, 0, []string{"tools-hardware", "auto-parts", "cables-wires"}},
	{"qingyuan", "Qingyuan", "清远", "CN-GD", 23.6820, 113.0560, 5, 0, []string{"cables-wires", "plastic-products"}},
	{"yangjiang", "Yangjiang", "阳江", "CN-GD", 21.8579, 111.9826, 8, 0, []string{"kitchenware", "tools-hardware"}},
	{"meizhou", "Meizhou", "梅州", "CN-GD", 24.2886, 116.1226, 3, 0, []string{"consumer-electronics", "printing"}},
	{"zhanjiang", "Zhanjiang", "湛江", "CN-GD", 21.2707, 110.3594, 3, 0, []string{"small-appliances", "plastic-products"}},

	// Zhejiang
	{"ningbo", "Ningbo", "宁波", "CN-ZJ", 29.8683, 121.5440, 55, 0, []string{"small-appliances", "tools-hardware", "plastic-products", "apparel", "auto-parts", "fasteners"}},
	{"wenzhou", "Wenzhou", "温州", "CN-ZJ", 27.9938, 120.6994, 40, 0, []string{"footwear", "cables-wires", "machinery", "tools-hardware", "bags-luggage"}},
	{"yiwu", "Yiwu", "义乌", "CN-ZJ", 29.3069, 120.0753, 45, 0, []string{"jewelry-accessories", "toys", "home-decor", "paper-packaging", "sporting-goods"}},
	{"taizhou-zj", "Taizhou", "台州", "CN-ZJ", 28.6561, 121.4208, 30, 0, []string{"auto-parts", "machinery", "plastic-products", "medical-supplies", "tools-hardware"}},
	{"shaoxing", "Shaoxing", "绍兴", "CN-ZJ", 30.0303, 120.5802, 30, 0, []string{"textiles", "apparel"}},
	{"jiaxing", "Jiaxing", "嘉兴", "CN-ZJ", 30.7461, 120.7555, 20, 0, []string{"textiles", "fasteners", "bags-luggage", "apparel"}},
	{"huzhou", "Huzhou", "湖州", "CN-ZJ", 30.8930, 120.0868, 15, 0, []string{"textiles", "furniture", "apparel"}},
	{"hangzhou", "Hangzhou", "杭州", "CN-ZJ", 30.2741, 120.1551, 30, 0, []string{"apparel", "consumer-electronics", "textiles", "cosmetics", "machinery"}},
	{"jinhua", "Jinhua", "金华", "CN-ZJ", 29.0790, 119.6474, 12, 0, []string{"tools-hardware", "ebikes-motorcycles", "printing"}},
	{"yongkang", "Yongkang", "永康", "CN-ZJ", 28.8885, 120.0474, 15, 0, []string{"tools-hardware", "kitchenware", "ebikes-motorcycles"}},
	{"lishui", "Lishui", "丽水", "CN-ZJ", 28.4676, 119.9229, 4, 0, []string{"toys", "machinery"}},
	{"quzhou", "Quzhou", "衢州", "CN-ZJ", 28.9701, 118.8594, 3, 0, []string{"paper-packaging"}},

	// Jiangsu
	{"suzhou", "Suzhou", "苏州", "CN-JS", 31.2990, 120.5853, 55, 0, []string{"consumer-electronics", "textiles", "machinery", "medical-supplies", "apparel"}},
	{"wuxi", "Wuxi", "无锡", "CN-JS", 31.4912, 120.3119, 30, 0, []string{"textiles", "ebikes-motorcycles", "machinery", "apparel"}},
	{"changzhou", "Changzhou", "常州", "CN-JS", 31.8107, 119.9741, 25, 0, []string{"solar-pv", "machinery", "batteries"}},
	{"nantong", "Nantong", "南通", "CN-JS", 31.9802, 120.8943, 25, 0, []string{"textiles", "machinery", "furniture"}},
	{"yangzhou", "Yangzhou", "扬州", "CN-JS", 32.3942, 119.4129, 12, 0, []string{"toys", "cosmetics"}},
	{"xuzhou", "Xuzhou", "徐州", "CN-JS", 34.2044, 117.2859, 12, 0, []string{"machinery", "solar-pv"}},
	{"nanjing", "Nanjing", "南京", "CN-JS", 32.0603, 118.7969, 15, 0, []string{"auto-parts", "consumer-electronics", "machinery"}},
	{"taizhou-js", "Taizhou", "泰州", "CN-JS", 32.4555, 119.9229, 10, 0, []string{"medical-supplies", "machinery"}},
	{"yancheng", "Yancheng", "盐城", "CN-JS", 33.3477, 120.1633, 8, 0, []string{"auto-parts", "solar-pv"}},
	{"lianyungang", "Lianyungang", "连云港", "CN-JS", 34.5967, 119.2216, 5, 0, []string{"medical-supplies"}},
	{"zhenjiang", "Zhenjiang", "镇江", "CN-JS", 32.1879, 119.4250, 6, 0, []string{"cables-wires", "machinery"}},
	{"huaian", "Huai'an", "淮安", "CN-JS", 33.6104, 119.0153, 4, 0, []string{"plastic-products"}},
	{"suqian", "Suqian", "宿迁", "CN-JS", 33.9630, 118.2752, 4, 0, []string{"furniture", "textiles"}},

	// Fujian
	{"xiamen", "Xiamen", "厦门", "CN-FJ", 24.4798, 118.0894, 25, 10, []string{"sporting-goods", "consumer-electronics", "home-decor"}},
	{"quanzhou", "Quanzhou", "泉州", "CN-FJ", 24.8741, 118.6757, 30, 0, []string{"footwear", "apparel", "bags-luggage", "sporting-goods"}},
	{"jinjiang", "Jinjiang", "晋江", "CN-FJ", 24.7810, 118.5520, 25, 10, []string{"footwear", "sporting-goods", "apparel"}},
	{"shishi", "Shishi", "石狮", "CN-FJ", 24.7319, 118.6481, 8, 8, []string{"apparel", "textiles"}},
	{"fuzhou", "Fuzhou", "福州", "CN-FJ", 26.0745, 119.2965, 15, 0, []string{"textiles", "consumer-electronics", "plastic-products"}},
	{"putian", "Putian", "莆田", "CN-FJ", 25.4540, 119.0077, 12, 0, []string{"footwear", "furniture", "jewelry-accessories"}},
	{"zhangzhou", "Zhangzhou", "漳州", "CN-FJ", 24.5130, 117.6472, 10, 0, []string{"furniture", "home-decor", "small-appliances"}},
	{"ningde", "Ningde", "宁德", "CN-FJ", 26.6657, 119.5479, 6, 0, []string{"batteries", "ebikes-motorcycles"}},
	{"longyan", "Longyan", "龙岩", "CN-FJ", 25.0755, 117.0172, 3, 0, []string{"machinery"}},
	{"nanan", "Nan'an", "南安", "CN-FJ", 24.9604, 118.3865, 6, 0, []string{"home-decor", "tools-hardware"}},

	// Shandong
	{"qingdao", "Qingdao", "青岛", "CN-SD", 36.0671, 120.3826, 30, 0, []string{"small-appliances", "tires", "apparel", "consumer-electronics"}},
	{"linyi", "Linyi", "临沂", "CN-SD", 35.1041, 118.3564, 20, 0, []string{"tools-hardware", "furniture", "paper-packaging"}},
	{"zibo", "Zibo", "淄博", "CN-SD", 36.8131, 118.0548, 10, 0, []string{"kitchenware", "machinery", "medical-supplies"}},
	{"jinan", "Jinan", "济南", "CN-SD", 36.6512, 117.1201, 12, 0, []string{"machinery", "auto-parts"}},
	{"yantai", "Yantai", "烟台", "CN-SD", 37.4638, 121.4479, 10, 0, []string{"auto-parts", "machinery"}},
	{"weifang", "Weifang", "潍坊", "CN-SD", 36.7069, 119.1619, 12, 0, []string{"machinery", "auto-parts", "toys"}},
	{"dongying", "Dongying", "东营", "CN-SD", 37.4346, 118.6747, 6, 0, []string{"tires"}},
	{"liaocheng", "Liaocheng", "聊城", "CN-SD", 36.4570, 115.9854, 6, 0, []string{"machinery", "fasteners"}},
	{"heze", "Heze", "菏泽", "CN-SD", 35.2333, 115.4808, 6, 0, []string{"home-decor", "furniture"}},
	{"weihai", "Weihai", "威海", "CN-SD", 37.5131, 122.1205, 6, 8, []string{"sporting-goods", "medical-supplies"}},
	{"binzhou", "Binzhou", "滨州", "CN-SD", 37.3821, 117.9708, 4, 0, []string{"textiles"}},
	{"jining", "Jining", "济宁", "CN-SD", 35.4151, 116.5873, 5, 0, []string{"machinery"}},
	{"dezhou", "Dezhou", "德州", "CN-SD", 37.4355, 116.3575, 4, 0, []string{"solar-pv", "sporting-goods"}},

	// Municipalities
	{"shanghai", "Shanghai", "上海", "CN-SH", 31.2304, 121.4737, 25, 0, []string{"auto-parts", "consumer-electronics", "cosmetics", "medical-supplies", "printing"}},
	{"beijing", "Beijing", "北京", "CN-BJ", 39.9042, 116.4074, 10, 0, []string{"medical-supplies", "consumer-electronics", "printing"}},
	{"tianjin", "Tianjin", "天津", "CN-TJ", 39.0842, 117.2010, 12, 0, []string{"ebikes-motorcycles", "auto-parts", "cables-wires"}},
	{"chongqing", "Chongqing", "重庆", "CN-CQ", 29.5630, 106.5516, 12, 0, []string{"ebikes-motorcycles", "auto-parts", "consumer-electronics"}},

	// Hebei
	{"baoding", "Baoding", "保定", "CN-HE", 38.8739, 115.4646, 10, 0, []string{"bags-luggage", "auto-parts"}},
	{"cangzhou", "Cangzhou", "沧州", "CN-HE", 38.3045, 116.8388, 8, 0, []string{"tools-hardware", "machinery"}},
	{"shijiazhuang", "Shijiazhuang", "石家庄", "CN-HE", 38.0428, 114.5149, 8, 0, []string{"medical-supplies", "textiles"}},
	{"xingtai", "Xingtai", "邢台", "CN-HE", 37.0706, 114.5044, 6, 0, []string{"ebikes-motorcycles", "toys"}},
	{"handan", "Handan", "邯郸", "CN-HE", 36.6256, 114.5391, 6, 0, []string{"fasteners"}},
	{"langfang", "Langfang", "廊坊", "CN-HE", 39.5380, 116.6837, 5, 0, []string{"furniture"}},
	{"tangshan", "Tangshan", "唐山", "CN-HE", 39.6305, 118.1802, 5, 0, []string{"machinery", "kitchenware"}},

	// Henan
	{"zhengzhou", "Zhengzhou", "郑州", "CN-HA", 34.7466, 113.6254, 12, 0, []string{"consumer-electronics", "machinery", "auto-parts"}},
	{"luoyang", "Luoyang", "洛阳", "CN-HA", 34.6197, 112.4540, 5, 0, []string{"machinery"}},
	{"xuchang", "Xuchang", "许昌", "CN-HA", 34.0357, 113.8526, 6, 0, []string{"jewelry-accessories", "cosmetics"}},
	{"nanyang", "Nanyang", "南阳", "CN-HA", 32.9908, 112.5283, 3, 0, []string{"machinery"}},
	{"xinxiang", "Xinxiang", "新乡", "CN-HA", 35.3030, 113.9268, 3, 0, []string{"medical-supplies", "batteries"}},

	// Hubei
	{"wuhan", "Wuhan", "武汉", "CN-HB", 30.5928, 114.3055, 12, 0, []string{"auto-parts", "consumer-electronics", "medical-supplies"}},
	{"xiangyang", "Xiangyang", "襄阳", "CN-HB", 32.0090, 112.1226, 4, 0, []string{"auto-parts"}},
	{"shiyan", "Shiyan", "十堰", "CN-HB", 32.6292, 110.7980, 4, 0, []string{"auto-parts"}},
	{"yichang", "Yichang", "宜昌", "CN-HB", 30.6919, 111.2865, 3, 0, []string{"batteries"}},

	// Hunan
	{"changsha", "Changsha", "长沙", "CN-HN", 28.2282, 112.9388, 8, 0, []string{"machinery", "consumer-electronics"}},
	{"zhuzhou", "Zhuzhou", "株洲", "CN-HN", 27.8274, 113.1340, 4, 0, []string{"machinery", "tools-hardware"}},
	{"hengyang", "Hengyang", "衡阳", "CN-HN", 26.8938, 112.5720, 3, 0, []string{"cables-wires"}},
	{"shaoyang", "Shaoyang", "邵阳", "CN-HN", 27.2389, 111.4677, 3, 0, []string{"jewelry-accessories", "tools-hardware"}},

	// Anhui
	{"hefei", "Hefei", "合肥", "CN-AH", 31.8206, 117.2272, 10, 0, []string{"small-appliances", "consumer-electronics", "batteries"}},
	{"wuhu", "Wuhu", "芜湖", "CN-AH", 31.3526, 118.4331, 6, 0, []string{"auto-parts", "cables-wires"}},
	{"chuzhou", "Chuzhou", "滁州", "CN-AH", 32.3016, 118.3162, 4, 0, []string{"small-appliances", "solar-pv"}},
	{"bengbu", "Bengbu", "蚌埠", "CN-AH", 32.9163, 117.3889, 2, 0, []string{"solar-pv"}},
	{"luan", "Lu'an", "六安", "CN-AH", 31.7350, 116.5220, 3, 0, []string{"textiles"}},

	// Jiangxi
	{"nanchang", "Nanchang", "南昌", "CN-JX", 28.6829, 115.8581, 5, 0, []string{"medical-supplies", "consumer-electronics"}},
	{"ganzhou", "Ganzhou", "赣州", "CN-JX", 25.8311, 114.9335, 5, 0, []string{"furniture"}},
	{"jingdezhen", "Jingdezhen", "景德镇", "CN-JX", 29.2690, 117.1784, 3, 0, []string{"kitchenware", "home-decor"}},
	{"jiujiang", "Jiujiang", "九江", "CN-JX", 29.7051, 116.0019, 2, 0, []string{"textiles"}},
	{"shangrao", "Shangrao", "上饶", "CN-JX", 28.4546, 117.9433, 2, 0, []string{"solar-pv"}},

	// Sichuan, Shaanxi
	{"chengdu", "Chengdu", "成都", "CN-SC", 30.5728, 104.0668, 10, 0, []string{"consumer-electronics", "footwear", "medical-supplies"}},
	{"mianyang", "Mianyang", "绵阳", "CN-SC", 31.4675, 104.6796, 3, 0, []string{"consumer-electronics", "small-appliances"}},
	{"yibin", "Yibin", "宜宾", "CN-SC", 28.7513, 104.6417, 3, 0, []string{"batteries"}},
	{"deyang", "Deyang", "德阳", "CN-SC", 31.1268, 104.3979, 3, 0, []string{"machinery"}},
	{"xian", "Xi'an", "西安", "CN-SN", 34.3416, 108.9398, 7, 0, []string{"solar-pv", "machinery", "auto-parts"}},
	{"baoji", "Baoji", "宝鸡", "CN-SN", 34.3619, 107.2376, 2, 0, []string{"machinery"}},

	// North-east
	{"dalian", "Dalian", "大连", "CN-LN", 38.9140, 121.6147, 6, 0, []string{"machinery", "apparel"}},
	{"shenyang", "Shenyang", "沈阳", "CN-LN", 41.8057, 123.4315, 5, 0, []string{"machinery", "auto-parts"}},
	{"anshan", "Anshan", "鞍山", "CN-LN", 41.1087, 122.9946, 2, 0, []string{"tools-hardware"}},
	{"huludao", "Huludao", "葫芦岛", "CN-LN", 40.7110, 120.8369, 3, 0, []string{"apparel"}},
	{"changchun", "Changchun", "长春", "CN-JL", 43.8171, 125.3235, 5, 0, []string{"auto-parts"}},
	{"jilin", "Jilin", "吉林", "CN-JL", 43.8378, 126.5494, 2, 0, []string{"plastic-products"}},
	{"harbin", "Harbin", "哈尔滨", "CN-HL", 45.8038, 126.5349, 3, 0, []string{"machinery", "medical-supplies"}},
	{"daqing", "Daqing", "大庆", "CN-HL", 46.5891, 125.1036, 1, 0, []string{"plastic-products"}},

	// South-west and south
	{"nanning", "Nanning", "南宁", "CN-GX", 22.8170, 108.3665, 3, 0, []string{"furniture", "consumer-electronics"}},
	{"liuzhou", "Liuzhou", "柳州", "CN-GX", 24.3264, 109.4281, 4, 0, []string{"auto-parts", "ebikes-motorcycles"}},
	{"yulin", "Yulin", "玉林", "CN-GX", 22.6540, 110.1812, 3, 0, []string{"machinery"}},
	{"guilin", "Guilin", "桂林", "CN-GX", 25.2740, 110.2900, 2, 0, []string{"medical-supplies"}},
	{"wuzhou", "Wuzhou", "梧州", "CN-GX", 23.4769, 111.2791, 2, 0, []string{"jewelry-accessories"}},
	{"kunming", "Kunming", "昆明", "CN-YN", 25.0389, 102.7183, 3, 0, []string{"machinery", "home-decor"}},
	{"guiyang", "Guiyang", "贵阳", "CN-GZ", 26.6470, 106.6302, 2, 0, []string{"consumer-electronics"}},
	{"haikou", "Haikou", "海口", "CN-HI", 20.0440, 110.1999, 2, 8, []string{"medical-supplies"}},
	{"hongkong", "Hong Kong", "香港", "CN-HK", 22.3193, 114.1694, 3, 5, []string{"consumer-electronics", "jewelry-accessories", "printing", "toys"}},

	// North and west
	{"taiyuan", "Taiyuan", "太原", "CN-SX", 37.8706, 112.5489, 3, 0, []string{"machinery", "tools-hardware"}},
	{"datong", "Datong", "大同", "CN-SX", 40.0769, 113.3001, 1, 0, []string{"machinery"}},
	{"jinzhong", "Jinzhong", "晋中", "CN-SX", 37.6870, 112.7527, 1, 0, []string{"furniture"}},
	{"hohhot", "Hohhot", "呼和浩特", "CN-NM", 40.8426, 111.7492, 2, 0, []string{"textiles"}},
	{"baotou", "Baotou", "包头", "CN-NM", 40.6574, 109.8403, 2, 0, []string{"machinery"}},
	{"ordos", "Ordos", "鄂尔多斯", "CN-NM", 39.6086, 109.7811, 1, 0, []string{"textiles"}},
	{"lanzhou", "Lanzhou", "兰州", "CN-GS", 36.0611, 103.8343, 2, 0, []string{"machinery"}},
	{"yinchuan", "Yinchuan", "银川", "CN-NX", 38.4872, 106.2309, 1, 0, []string{"textiles"}},
	{"xining", "Xining", "西宁", "CN-QH", 36.6171, 101.7782, 1, 0, []string{"batteries"}},
	{"urumqi", "Urumqi", "乌鲁木齐", "CN-XJ", 43.8256, 87.6168, 2, 0, []string{"textiles", "solar-pv"}},
	{"kashgar", "Kashgar", "喀什", "CN-XJ", 39.4704, 75.9898, 1, 0, []string{"apparel"}},
	{"lhasa", "Lhasa", "拉萨", "CN-XZ", 29.6520, 91.1721, 1, 0, []string{"home-decor"}},
}
