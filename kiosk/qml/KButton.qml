// A large touch button: one tap, never a gesture; text and icon, never colour alone.
import QtQuick

Rectangle {
    id: b
    property string text: ""
    property string icon: ""
    property string kind: "primary" // primary | secondary | toggle
    property bool checked: false
    property int fontPx: th.f_body
    property int maxLines: 2
    property bool touchTarget: true // tests measure the spacing of these
    readonly property var th: vm.theme
    readonly property color fg: !enabled ? th.onDisabled
        : kind === "primary" ? th.onPrimary
        : (kind === "toggle" && checked) ? th.onToggleOn : th.onSecondary
    signal activated()

    implicitHeight: Math.max(th.button_h, label.implicitHeight + th.gap)
    radius: th.radius
    color: !enabled ? th.disabled
        : kind === "primary" ? th.primary
        : (kind === "toggle" && checked) ? th.toggleOn : th.secondary
    border.color: th.border
    border.width: th.border_w

    Accessible.role: Accessible.Button
    Accessible.name: b.text
    Accessible.checkable: kind === "toggle"
    Accessible.checked: checked
    Accessible.onPressAction: if (b.enabled) b.activated()

    Row {
        // the icon is its own item: a label's direction follows its language
        id: row
        anchors.centerIn: parent
        spacing: b.icon ? th.gap / 2 : 0
        Text {
            id: iconText
            visible: b.icon !== ""
            anchors.verticalCenter: parent.verticalCenter
            text: b.icon
            color: b.fg
            font.pixelSize: b.fontPx
            font.bold: true
        }
        Text {
            id: label
            anchors.verticalCenter: parent.verticalCenter
            width: Math.min(implicitWidth, b.width - 2 * th.gap - (b.icon ? iconText.implicitWidth + row.spacing : 0))
            text: b.text
            color: b.fg
            font.pixelSize: b.fontPx
            font.bold: true
            wrapMode: Text.WordWrap
            maximumLineCount: b.maxLines
            elide: Text.ElideRight
            horizontalAlignment: Text.AlignHCenter
        }
    }

    MouseArea {
        anchors.fill: parent
        enabled: b.enabled
        onClicked: b.activated()
    }
}
