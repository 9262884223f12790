export { calendarRoutes } from './calendars.routes.js';
export { CalendarsRepository, type CalendarRecord } from './calendars.repository.js';
export { compiledCalendar } from './compiled.js';
export { publishedHours } from './hours.js';
