window.siteAidsText = {"failed": "The reading aids could not be loaded.", "gloss": "English glosses", "label": "Reading aids", "loading": "Loading reading aids…", "pinyin": "Pinyin"};
