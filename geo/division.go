package geo

// DivisionInfo describes one provincial-level division of China.
type DivisionInfo struct {
	Code   string // ISO 3166-2, e.g. "CN-FJ"
	Name   string // English, e.g. "Fujian"
	NameZH string // Chinese, e.g. "福建"
	Kind   string // province, autonomous region, municipality, special administrative region
}

// Apart reports whether d has a system of its own: Hong Kong and Macau
// (special administrative regions) and Taiwan. A city of the mainland
// whose label stands on one of them reads as a place there, and the
// other way round.
func (d DivisionInfo) Apart() bool { return d.Kind == KindSAR || d.Code == "CN-TW" }

// Kinds of division, as written in the "kind" property.
const (
	KindProvince     = "province"
	KindAutonomous   = "autonomous region"
	KindMunicipality = "municipality"
	KindSAR          = "special administrative region"
)

// ChinaDivisions lists the 34 provincial-level divisions by code, as DCW-GMT
// has them (dcw-states.txt) with the names used on hubatlas maps.
var ChinaDivisions = []DivisionInfo{
	{"CN-AH", "Anhui", "安徽", KindProvince},
	{"CN-BJ", "Beijing", "北京", KindMunicipality},
	{"CN-CQ", "Chongqing", "重庆", KindMunicipality},
	{"CN-FJ", "Fujian", "福建", KindProvince},
	{"CN-GD", "Guangdong", "广东", KindProvince},
	{"CN-GS", "Gansu", "甘肃", KindProvince},
	{"CN-GX", "Guangxi", "广西", KindAutonomous},
	{"CN-GZ", "Guizhou", "贵州", KindProvince},
	{"CN-HA", "Henan", "河南", KindProvince},
	{"CN-HB", "Hubei", "湖北", KindProvince},
	{"CN-HE", "Hebei", "河北", KindProvince},
	{"CN-HI", "Hainan", "海南", KindProvince},
	{"CN-HK", "Hong Kong", "香港", KindSAR},
	{"CN-HL", "Heilongjiang", "黑龙江", KindProvince},
	{"CN-HN", "Hunan", "湖南", KindProvince},
	{"CN-JL", "Jilin", "吉林", KindProvince},
	{"CN-JS", "Jiangsu", "江苏", KindProvince},
	{"CN-JX", "Jiangxi", "江西", KindProvince},
	{"CN-LN", "Liaoning", "辽宁", KindProvince},
	{"CN-MO", "Macau", "澳门", KindSAR},
	{"CN-NM", "Inner Mongolia", "内蒙古", KindAutonomous},
	{"CN-NX", "Ningxia", "宁夏", KindAutonomous},
	{"CN-QH", "Qinghai", "青海", KindProvince},
	{"CN-SC", "Sichuan", "四川", KindProvince},
	{"CN-SD", "Shandong", "山东", KindProvince},
	{"CN-SH", "Shanghai", "上海", KindMunicipality},
	{"CN-SN", "Shaanxi", "陕西", KindProvince},
	{"CN-SX", "Shanxi", "山西", KindProvince},
	{"CN-TJ", "Tianjin", "天津", KindMunicipality},
	{"CN-TW", "Taiwan", "台湾", KindProvince},
	{"CN-XJ", "Xinjiang", "新疆", KindAutonomous},
	{"CN-XZ", "Tibet", "西藏", KindAutonomous},
	{"CN-YN", "Yunnan", "云南", KindProvince},
	{"CN-ZJ", "Zhejiang", "浙江", KindProvince},
}
