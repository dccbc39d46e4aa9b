'use strict';
module.exports = { ...require('./init'), ...require('./build'), ...require('./dev') };
