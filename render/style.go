package render

// Colours and sizes of the map. Shading classes are a sequential,
// colour-blind-safe blue ramp (ColorBrewer Blues, lightened) with zero in a
// neutral warm grey, so that the industry colours of the markers stay
// legible on every class.
const (
	background   = "#f5f7f9"
	zeroFill     = "#e8e5e0"
	borderColor  = "#ffffff"
	outlineColor = "#7d8590"
	focusColor   = "#2b2b2b"
	textColor    = "#1f2328"
	mutedText    = "#57606a"
	haloColor    = "#ffffff"
	leaderColor  = "#57606a"
	legendFill   = "#ffffff"

	fontFamily = `'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif`
)

// classFills shade provinces holding 1, 2, 3 and 4 or more matching hubs.
var classFills = []string{"#d4e4f1", "#a6c8e3", "#6ca3cf", "#3a76ad"}
