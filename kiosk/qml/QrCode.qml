// A QR code with its caption; always black on white with a quiet zone, whatever the theme.
import QtQuick

Column {
    id: qr
    property string value: ""
    property string caption: ""
    property int side: Math.round(th.px_per_mm * 42)
    property real captionWidth: side
    readonly property var th: vm.theme
    spacing: th.gap / 2
    Rectangle {
        width: qr.side
        height: qr.side
        color: "white"
        border.color: th.border
        border.width: th.border_w
        Image {
            objectName: "qrImage"
            anchors.fill: parent
            anchors.margins: th.border_w
            source: qr.value ? "image://qr/" + encodeURIComponent(qr.value) : ""
            sourceSize.width: qr.side
            sourceSize.height: qr.side
            fillMode: Image.PreserveAspectFit
            smooth: false
            cache: false
        }
    }
    Text {
        width: qr.captionWidth
        visible: text !== ""
        text: qr.caption
        color: th.text
        font.pixelSize: th.f_small
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignLeft
    }
}
