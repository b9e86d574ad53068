"""A one-line banner when no installed font can draw Chinese: otherwise Chinese text shows as empty boxes."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from lmstudio_app.gui.i18n import language, retranslated, tr, translatable

DISMISSED_KEY = "cjkFontBannerDismissed"
NO_CJK_FONT = translatable(
    "No installed font can draw Chinese, so Chinese text will show as empty boxes. Install Noto CJK: "
    "sudo apt install fonts-noto-cjk (Debian, Ubuntu), sudo dnf install google-noto-sans-cjk-fonts "
    "(Fedora), brew install --cask font-noto-sans-cjk (macOS); Windows has one. Then restart lmstudio.")
DONT_SHOW = translatable("Don't show again")


def has_cjk_font() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


class FontBanner(QWidget):
    """Shown at startup when no font covers CJK, until the person dismisses it for good."""

    def __init__(self, store: QSettings, parent=None):
        super().__init__(parent)
        self.setObjectName("fontBanner")
        self.store = store
        self.setStyleSheet("#fontBanner { background: #fff3cd; border-bottom: 1px solid #e0c36a; }")
        self.message = QLabel()
        self.message.setObjectName("fontBannerText")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss = QPushButton()
        self.dismiss.setObjectName("fontBannerDismiss")
        self.dismiss.clicked.connect(self.dismiss_for_good)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.dismiss)
        retranslated(self, self._retranslate)
        self.setVisible(not has_cjk_font() and not store.value(DISMISSED_KEY, False, bool))

    def _retranslate(self) -> None:
        """In English as well as in the window's language: without the font, the translation itself is boxes."""
        english = language().code == "en"
        self.message.setText(NO_CJK_FONT if english else f"{tr(NO_CJK_FONT)}\n{NO_CJK_FONT}")
        self.dismiss.setText(DONT_SHOW if english else f"{tr(DONT_SHOW)} / {DONT_SHOW}")

    def dismiss_for_good(self) -> None:
        self.store.setValue(DISMISSED_KEY, True)
        self.hide()
