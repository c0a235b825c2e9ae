package geo_test

import (
	"slices"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/hubatlas/hubatlas/geo"
)

// TestCollationTextReadsPlaces: place names sort in Chinese by their
// pinyin as the places are read. x/text's collator alone had put 长春
// and 长沙 after 义乌 (zhǎng), 重庆 last (zhòng), 沈阳 among the ch-
// (chén) and 厦门 before 西安 (shà).
func TestCollationTextReadsPlaces(t *testing.T) {
	c := collate.New(language.Chinese)
	names := []string{"义乌", "重庆", "厦门", "沈阳", "长沙", "西安", "长春", "蚌埠", "北京", "浙江", "六安", "乐清", "洛阳", "岳阳"}
	slices.SortFunc(names, func(a, b string) int {
		return c.CompareString(geo.CollationText(a), geo.CollationText(b))
	})
	want := []string{"北京", "蚌埠", "长春", "长沙", "重庆", "六安", "洛阳", "沈阳", "西安", "厦门", "义乌", "乐清", "岳阳", "浙江"}
	if !slices.Equal(names, want) {
		t.Errorf("order %v\n want %v", names, want)
	}
	if got := geo.CollationText("西长安街"); got != "西长安街" {
		t.Errorf("a 长 not at the start changed: %q", got)
	}
}
