window.siteAidsText = {"failed": "阅读辅助无法加载。", "gloss": "英文释义", "label": "阅读辅助", "loading": "正在加载阅读辅助……", "pinyin": "拼音"};
