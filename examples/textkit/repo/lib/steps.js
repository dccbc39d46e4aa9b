/** Removes leading and trailing white space. */
exports.trim = function trim(text) {
  return text.trim();
};

/** Lower-cases the text. */
exports.lowercase = (text) => text.toLowerCase();

/** Replaces the text by its number of words. */
exports.wordCount = function wordCount(text) {
  return String(text.split(/\s+/).filter(Boolean).length);
};
