package main

import (
	"math/rand/v2"
	"strings"
)

// syllable is one character of a trade name with its pinyin (no tones).
type syllable struct {
	zh, pinyin string
}

// tradeSyllables are characters Chinese companies favour in two-character
// trade names (字号): prosperity, trust, light, unity. Two distinct ones make
// names like 华信 Huaxin or 鑫安 Xin'an; no pairing is meant to name a real
// company.
var tradeSyllables = []syllable{
	{"华", "hua"}, {"信", "xin"}, {"宏", "hong"}, {"达", "da"}, {"恒", "heng"}, {"通", "tong"},
	{"鑫", "xin"}, {"源", "yuan"}, {"金", "jin"}, {"嘉", "jia"}, {"永", "yong"}, {"盛", "sheng"},
	{"创", "chuang"}, {"天", "tian"}, {"新", "xin"}, {"德", "de"}, {"富", "fu"}, {"瑞", "rui"},
	{"利", "li"}, {"隆", "long"}, {"兴", "xing"}, {"佳", "jia"}, {"鸿", "hong"}, {"明", "ming"},
	{"东", "dong"}, {"泰", "tai"}, {"丰", "feng"}, {"昌", "chang"}, {"邦", "bang"}, {"辉", "hui"},
	{"凯", "kai"}, {"锦", "jin"}, {"博", "bo"}, {"汇", "hui"}, {"联", "lian"}, {"腾", "teng"},
	{"耀", "yao"}, {"卓", "zhuo"}, {"越", "yue"}, {"精", "jing"}, {"诚", "cheng"}, {"海", "hai"},
	{"远", "yuan"}, {"启", "qi"}, {"力", "li"}, {"美", "mei"}, {"安", "an"}, {"奥", "ao"},
	{"恩", "en"}, {"欧", "ou"}, {"宇", "yu"}, {"顺", "shun"}, {"和", "he"}, {"晟", "sheng"},
	{"弘", "hong"}, {"峰", "feng"}, {"科", "ke"}, {"立", "li"}, {"振", "zhen"}, {"万", "wan"},
}

// tradeName draws two different syllables and returns the name in Chinese
// and in pinyin, e.g. 鑫安 and "Xin'an": an apostrophe separates a syllable
// that starts with a, o or e, as pinyin spelling does.
func tradeName(r *rand.Rand) (zh, en string) {
	for {
		a := tradeSyllables[r.IntN(len(tradeSyllables))]
		b := tradeSyllables[r.IntN(len(tradeSyllables))]
		if a.pinyin == b.pinyin {
			continue
		}
		return a.zh + b.zh, joinPinyin(a.pinyin, b.pinyin)
	}
}

// joinPinyin writes two syllables as one capitalised word.
func joinPinyin(a, b string) string {
	sep := ""
	if strings.ContainsRune("aoe", rune(b[0])) {
		sep = "'"
	}
	return strings.ToUpper(a[:1]) + a[1:] + sep + b
}

// companyName builds a factory's name in English and Chinese from the city,
// a trade name and an industry word: "Shenzhen Huaxin Electronics Co.,
// Ltd." and 深圳华信电子有限公司. Hong Kong companies are "Limited".
func companyName(c city, trade, tradeEN string, word product) (en, zh string) {
	suffix := "Co., Ltd."
	if c.province == "CN-HK" {
		suffix = "Limited"
	}
	return c.en + " " + tradeEN + " " + word.en + " " + suffix, c.zh + trade + word.zh + "有限公司"
}
