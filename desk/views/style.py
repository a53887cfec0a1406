"""Colours, fonts and the style sheet: calm, high contrast, big where it matters."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

BLUE = "#0b3d6e"  # Aarhus blue-ish, the primary action
BLUE_DARK = "#072a4d"
INK = "#1b1f24"
MUTED = "#5b6470"
LINE = "#d5dbe2"
PAPER = "#f4f6f8"
GREEN = "#1e7b3a"
AMBER = "#9a5b00"
AMBER_BG = "#fff1d6"
RED = "#b3261e"
RED_BG = "#fde7e5"

SHEET = f"""
QWidget {{ color: {INK}; }}
QMainWindow, QWidget#page, QWidget#compact {{ background: {PAPER}; }}
QFrame#card {{ background: white; border: 1px solid {LINE}; border-radius: 8px; }}
QFrame#header {{ background: {BLUE_DARK}; }}
QFrame#header QLabel {{ color: white; }}
QFrame#header QPushButton {{
    color: white; background: transparent; border: 1px solid #5c7fa3;
    border-radius: 4px; padding: 4px 10px;
}}
QFrame#header QPushButton:hover {{ background: #123f6b; }}
QLabel#title {{ font-size: 20pt; font-weight: 600; }}
QLabel#subtitle {{ color: {MUTED}; font-size: 11pt; }}
QLabel#section {{ font-size: 12pt; font-weight: 600; }}
QLabel#number {{ font-size: 72pt; font-weight: 700; color: {BLUE_DARK}; }}
QLabel#numberCompact {{ font-size: 30pt; font-weight: 700; color: {BLUE_DARK}; }}
QLabel#timer {{ font-size: 22pt; font-weight: 600; font-family: "DejaVu Sans Mono"; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#error {{ color: {RED}; font-weight: 600; }}
QLabel#ok {{ color: {GREEN}; font-weight: 600; }}
QLabel#warn {{ color: {AMBER}; font-weight: 600; }}
QLabel#info {{ color: {INK}; }}
QFrame#bannerOffline {{ background: {RED_BG}; border: 1px solid {RED}; border-radius: 6px; }}
QFrame#bannerOffline QLabel {{ color: {RED}; font-weight: 600; }}
QFrame#bannerPause {{ background: {AMBER_BG}; border: 1px solid {AMBER}; border-radius: 6px; }}
QFrame#bannerPause QLabel {{ color: {AMBER}; font-weight: 600; }}
QPushButton {{
    background: white; border: 1px solid #9aa6b2; border-radius: 6px; padding: 6px 12px;
}}
QPushButton:hover {{ border-color: {BLUE}; }}
QPushButton:disabled {{ color: #9aa3ad; background: #eceff2; border-color: {LINE}; }}
QPushButton#primary {{
    background: {BLUE}; color: white; border: none; font-size: 20pt; font-weight: 700;
    border-radius: 8px; padding: 10px;
}}
QPushButton#primary:hover {{ background: {BLUE_DARK}; }}
QPushButton#primary:disabled {{ background: #8fa3b8; color: #e8edf2; }}
QPushButton#primarySmall {{
    background: {BLUE}; color: white; border: none; font-weight: 700; border-radius: 6px;
    padding: 6px 10px;
}}
QPushButton#primarySmall:disabled {{ background: #8fa3b8; color: #e8edf2; }}
QPushButton#action {{ font-size: 12pt; padding: 8px 6px; }}
QPushButton#counter {{ background: white; border: 1px solid {LINE}; border-radius: 8px; }}
QPushButton#counter:hover {{ border: 2px solid {BLUE}; }}
QPushButton#counter:disabled {{ background: #eceff2; border: 1px dashed #b9c2cc; }}
QPushButton#langActive {{ background: {BLUE}; color: white; border-color: {BLUE}; }}
QTableWidget {{
    background: white; border: 1px solid {LINE}; gridline-color: #edf0f3;
    selection-background-color: #cfe0f3; selection-color: {INK};
}}
QHeaderView::section {{
    background: #e9edf1; border: none; border-bottom: 1px solid {LINE}; padding: 4px 6px;
    font-weight: 600;
}}
QLineEdit {{ border: 1px solid #9aa6b2; border-radius: 4px; padding: 6px; background: white; }}
QLineEdit:focus {{ border-color: {BLUE}; }}
"""


def apply(app: QApplication) -> None:
    font = QFont("DejaVu Sans")
    font.setPointSize(10)
    app.setFont(font)
    app.setStyleSheet(SHEET)
