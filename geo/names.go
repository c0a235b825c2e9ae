package geo

import (
	"strconv"
	"strings"
	"unicode"
)

// chinaCodes are the other codes and names by which files refer to the
// provincial-level divisions: GB/T 2260 division codes (DataV/GeoAtlas's
// adcode), ISO 3166-2's numeric codes used before 2017 (some Natural
// Earth files), full Chinese names with their suffix, and common English
// spellings. One row per division; ChinaDivisions holds the names hubatlas
// shows.
var chinaCodes = []struct {
	code    string
	adcode  int
	isoNum  string
	fullZH  string
	aliases []string
}{
	{"CN-AH", 340000, "CN-34", "安徽省", nil},
	{"CN-BJ", 110000, "CN-11", "北京市", []string{"Peking"}},
	{"CN-CQ", 500000, "CN-50", "重庆市", []string{"Chungking"}},
	{"CN-FJ", 350000, "CN-35", "福建省", []string{"Fukien"}},
	{"CN-GD", 440000, "CN-44", "广东省", []string{"Kwangtung"}},
	{"CN-GS", 620000, "CN-62", "甘肃省", nil},
	{"CN-GX", 450000, "CN-45", "广西壮族自治区", []string{"Guangxi Zhuang"}},
	{"CN-GZ", 520000, "CN-52", "贵州省", nil},
	{"CN-HA", 410000, "CN-41", "河南省", nil},
	{"CN-HB", 420000, "CN-42", "湖北省", nil},
	{"CN-HE", 130000, "CN-13", "河北省", nil},
	{"CN-HI", 460000, "CN-46", "海南省", nil},
	{"CN-HK", 810000, "CN-91", "香港特别行政区", []string{"Xianggang", "HK", "Hongkong"}},
	{"CN-HL", 230000, "CN-23", "黑龙江省", nil},
	{"CN-HN", 430000, "CN-43", "湖南省", nil},
	{"CN-JL", 220000, "CN-22", "吉林省", nil},
	{"CN-JS", 320000, "CN-32", "江苏省", nil},
	{"CN-JX", 360000, "CN-36", "江西省", nil},
	{"CN-LN", 210000, "CN-21", "辽宁省", nil},
	{"CN-MO", 820000, "CN-92", "澳门特别行政区", []string{"Macao", "Aomen"}},
	{"CN-NM", 150000, "CN-15", "内蒙古自治区", []string{"Nei Mongol", "Nei Menggu", "Neimenggu"}},
	{"CN-NX", 640000, "CN-64", "宁夏回族自治区", []string{"Ningxia Hui"}},
	{"CN-QH", 630000, "CN-63", "青海省", nil},
	{"CN-SC", 510000, "CN-51", "四川省", nil},
	{"CN-SD", 370000, "CN-37", "山东省", nil},
	{"CN-SH", 310000, "CN-31", "上海市", nil},
	{"CN-SN", 610000, "CN-61", "陕西省", nil},
	{"CN-SX", 140000, "CN-14", "山西省", nil},
	{"CN-TJ", 120000, "CN-12", "天津市", nil},
	{"CN-TW", 710000, "CN-71", "台湾省", nil},
	{"CN-XJ", 650000, "CN-65", "新疆维吾尔自治区", []string{"Xinjiang Uygur", "Xinjiang Uyghur", "Sinkiang"}},
	{"CN-XZ", 540000, "CN-54", "西藏自治区", []string{"Xizang"}},
	{"CN-YN", 530000, "CN-53", "云南省", nil},
	{"CN-ZJ", 330000, "CN-33", "浙江省", nil},
}

// zhSuffixes end the full Chinese names of divisions, longest first.
var zhSuffixes = []string{"维吾尔自治区", "特别行政区", "壮族自治区", "回族自治区", "自治区", "省", "市"}

// enSuffixes are words English names of divisions may end with.
var enSuffixes = []string{"specialadministrativeregion", "autonomousregion", "municipality", "province", "sar"}

// shortZH strips a division suffix from a Chinese name: 广东省 -> 广东,
// 广西壮族自治区 -> 广西, 香港特别行政区 -> 香港.
func shortZH(s string) string {
	s = strings.TrimSpace(s)
	for _, suf := range zhSuffixes {
		if t, ok := strings.CutSuffix(s, suf); ok && t != "" {
			return t
		}
	}
	return s
}

// nameKey folds a division name or code for lookup: lower case, without
// spaces, hyphens, apostrophes, dots and division suffixes.
func nameKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.ContainsFunc(s, isHan) {
		return shortZH(strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s))
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		}
		return -1
	}, s)
	for _, suf := range enSuffixes {
		if t, ok := strings.CutSuffix(s, suf); ok && t != "" {
			return t
		}
	}
	return s
}

// divisionNames finds divisions by what users write in a province column:
// an ISO 3166-2 code (CN-GD, also the old numeric CN-44), a GB/T 2260 code
// (440000 or 44), an English name (Guangdong, "Inner Mongolia", Macao) or
// a Chinese one with or without its suffix (广东, 广东省). It is built once
// per boundary file and read concurrently.
type divisionNames map[string]int

func newDivisionNames(divs []Division) divisionNames {
	n := divisionNames{}
	index := map[string]int{}
	for i, d := range divs {
		index[d.Code] = i
	}
	add := func(key string, i int) {
		if k := nameKey(key); k != "" {
			if _, taken := n[k]; !taken {
				n[k] = i
			}
		}
	}
	// Codes first, so that a name never shadows a code.
	for i, d := range divs {
		add(d.Code, i)
	}
	for _, c := range chinaCodes {
		if i, ok := index[c.code]; ok {
			add(c.isoNum, i)
			add(strconv.Itoa(c.adcode), i)
			add(strconv.Itoa(c.adcode/10000), i)
		}
	}
	for i, d := range divs {
		add(d.Name, i)
		add(d.NameZH, i)
	}
	for _, c := range chinaCodes {
		if i, ok := index[c.code]; ok {
			add(c.fullZH, i)
			for _, a := range c.aliases {
				add(a, i)
			}
		}
	}
	for _, d := range ChinaDivisions {
		if i, ok := index[d.Code]; ok {
			add(d.Name, i)
			add(d.NameZH, i)
		}
	}
	return n
}

// find returns the index of the division s names.
func (n divisionNames) find(s string) (int, bool) {
	i, ok := n[nameKey(s)]
	return i, ok
}

// chinaByAdcode maps GB/T 2260 province codes to ISO 3166-2 codes.
func chinaByAdcode(adcode int) (string, bool) {
	for _, c := range chinaCodes {
		if c.adcode == adcode {
			return c.code, true
		}
	}
	return "", false
}

// chinaByISONum maps ISO 3166-2 numeric codes used before 2017 (CN-44) to
// today's letter codes (CN-GD).
func chinaByISONum(code string) (string, bool) {
	for _, c := range chinaCodes {
		if c.isoNum == code {
			return c.code, true
		}
	}
	return "", false
}

// chinaInfo returns hubatlas's names for a Chinese division code.
func chinaInfo(code string) (DivisionInfo, bool) {
	for _, d := range ChinaDivisions {
		if d.Code == code {
			return d, true
		}
	}
	return DivisionInfo{}, false
}
