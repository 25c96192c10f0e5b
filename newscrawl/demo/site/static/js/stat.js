/* demo page-view counter: records nothing, sends nothing */
(function(){var q=window._demoStat||[];q.push(['loaded',1]);})();
