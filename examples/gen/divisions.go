package main

// division is what the boundary fixtures and the province column need to
// know about one provincial-level division beyond its geometry. code is the
// ISO 3166-2:CN letter code of assets/data/china-provinces.geojson.
type division struct {
	code      string
	adcode    int    // GB/T 2260, as DataV writes it
	isoNumber string // ISO 3166-2:CN code used before 2017 (CN-44); HK and Macau were CN-91, CN-92
	nameEN    string // as in china-provinces.geojson
	nameNE    string // Natural Earth's name where it differs (Nei Mongol, Xizang)
	zh        string // short Chinese name: 广东
	zhFull    string // with its suffix: 广东省
	typeEN    string // Natural Earth type_en
	typeNE    string // Natural Earth type (pinyin)
	capital   [2]float64
	children  int // DataV childrenNum: divisions on the next level down
}

// divisions are in GB/T 2260 order, the order DataV files use.
var divisions = []division{
	{"CN-BJ", 110000, "CN-11", "Beijing", "", "北京", "北京市", "Municipality", "Zhíxiáshì", [2]float64{116.405285, 39.904989}, 16},
	{"CN-TJ", 120000, "CN-12", "Tianjin", "", "天津", "天津市", "Municipality", "Zhíxiáshì", [2]float64{117.190182, 39.125596}, 16},
	{"CN-HE", 130000, "CN-13", "Hebei", "", "河北", "河北省", "Province", "Shěng", [2]float64{114.502461, 38.045474}, 11},
	{"CN-SX", 140000, "CN-14", "Shanxi", "", "山西", "山西省", "Province", "Shěng", [2]float64{112.549248, 37.857014}, 11},
	{"CN-NM", 150000, "CN-15", "Inner Mongolia", "Nei Mongol", "内蒙古", "内蒙古自治区", "Autonomous Region", "Zìzhìqū", [2]float64{111.670801, 40.818311}, 12},
	{"CN-LN", 210000, "CN-21", "Liaoning", "", "辽宁", "辽宁省", "Province", "Shěng", [2]float64{123.429096, 41.796767}, 14},
	{"CN-JL", 220000, "CN-22", "Jilin", "", "吉林", "吉林省", "Province", "Shěng", [2]float64{125.3245, 43.886841}, 9},
	{"CN-HL", 230000, "CN-23", "Heilongjiang", "", "黑龙江", "黑龙江省", "Province", "Shěng", [2]float64{126.642464, 45.756967}, 13},
	{"CN-SH", 310000, "CN-31", "Shanghai", "", "上海", "上海市", "Municipality", "Zhíxiáshì", [2]float64{121.472644, 31.231706}, 16},
	{"CN-JS", 320000, "CN-32", "Jiangsu", "", "江苏", "江苏省", "Province", "Shěng", [2]float64{118.767413, 32.041544}, 13},
	{"CN-ZJ", 330000, "CN-33", "Zhejiang", "", "浙江", "浙江省", "Province", "Shěng", [2]float64{120.153576, 30.287459}, 11},
	{"CN-AH", 340000, "CN-34", "Anhui", "", "安徽", "安徽省", "Province", "Shěng", [2]float64{117.283042, 31.86119}, 16},
	{"CN-FJ", 350000, "CN-35", "Fujian", "", "福建", "福建省", "Province", "Shěng", [2]float64{119.306239, 26.075302}, 9},
	{"CN-JX", 360000, "CN-36", "Jiangxi", "", "江西", "江西省", "Province", "Shěng", [2]float64{115.892151, 28.676493}, 11},
	{"CN-SD", 370000, "CN-37", "Shandong", "", "山东", "山东省", "Province", "Shěng", [2]float64{117.000923, 36.675807}, 16},
	{"CN-HA", 410000, "CN-41", "Henan", "", "河南", "河南省", "Province", "Shěng", [2]float64{113.665412, 34.757975}, 18},
	{"CN-HB", 420000, "CN-42", "Hubei", "", "湖北", "湖北省", "Province", "Shěng", [2]float64{114.298572, 30.584355}, 17},
	{"CN-HN", 430000, "CN-43", "Hunan", "", "湖南", "湖南省", "Province", "Shěng", [2]float64{112.982279, 28.19409}, 14},
	{"CN-GD", 440000, "CN-44", "Guangdong", "", "广东", "广东省", "Province", "Shěng", [2]float64{113.280637, 23.125178}, 21},
	{"CN-GX", 450000, "CN-45", "Guangxi", "", "广西", "广西壮族自治区", "Autonomous Region", "Zìzhìqū", [2]float64{108.320004, 22.82402}, 14},
	{"CN-HI", 460000, "CN-46", "Hainan", "", "海南", "海南省", "Province", "Shěng", [2]float64{110.33119, 20.031971}, 19},
	{"CN-CQ", 500000, "CN-50", "Chongqing", "", "重庆", "重庆市", "Municipality", "Zhíxiáshì", [2]float64{106.504962, 29.533155}, 38},
	{"CN-SC", 510000, "CN-51", "Sichuan", "", "四川", "四川省", "Province", "Shěng", [2]float64{104.065735, 30.659462}, 21},
	{"CN-GZ", 520000, "CN-52", "Guizhou", "", "贵州", "贵州省", "Province", "Shěng", [2]float64{106.713478, 26.578343}, 9},
	{"CN-YN", 530000, "CN-53", "Yunnan", "", "云南", "云南省", "Province", "Shěng", [2]float64{102.712251, 25.040609}, 16},
	{"CN-XZ", 540000, "CN-54", "Tibet", "Xizang", "西藏", "西藏自治区", "Autonomous Region", "Zìzhìqū", [2]float64{91.132212, 29.660361}, 7},
	{"CN-SN", 610000, "CN-61", "Shaanxi", "", "陕西", "陕西省", "Province", "Shěng", [2]float64{108.948024, 34.263161}, 10},
	{"CN-GS", 620000, "CN-62", "Gansu", "", "甘肃", "甘肃省", "Province", "Shěng", [2]float64{103.823557, 36.058039}, 14},
	{"CN-QH", 630000, "CN-63", "Qinghai", "", "青海", "青海省", "Province", "Shěng", [2]float64{101.778916, 36.623178}, 8},
	{"CN-NX", 640000, "CN-64", "Ningxia", "", "宁夏", "宁夏回族自治区", "Autonomous Region", "Zìzhìqū", [2]float64{106.278179, 38.46637}, 5},
	{"CN-XJ", 650000, "CN-65", "Xinjiang", "", "新疆", "新疆维吾尔自治区", "Autonomous Region", "Zìzhìqū", [2]float64{87.617733, 43.792818}, 24},
	{"CN-TW", 710000, "CN-71", "Taiwan", "", "台湾", "台湾省", "Province", "Shěng", [2]float64{121.509062, 25.044332}, 0},
	{"CN-HK", 810000, "CN-91", "Hong Kong", "", "香港", "香港特别行政区", "Special Administrative Region", "Tèbié Xíngzhèngqū", [2]float64{114.173355, 22.320048}, 18},
	{"CN-MO", 820000, "CN-92", "Macau", "", "澳门", "澳门特别行政区", "Special Administrative Region", "Tèbié Xíngzhèngqū", [2]float64{113.54909, 22.198951}, 8},
}

// divisionByCode returns the division with ISO code code.
func divisionByCode(code string) (division, bool) {
	for _, d := range divisions {
		if d.code == code {
			return d, true
		}
	}
	return division{}, false
}
