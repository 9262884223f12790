// Service calendars: "real service hours" arithmetic for SLA deadlines. Pure functions, no database.
// See README.md in this folder for the model and the rules.

export {
  ServiceCalendarSpec,
  ShiftSpec,
  HolidaySpec,
  WorkdaySpec,
  CalendarSpecError,
  DEFAULT_TIME_ZONE,
  DEFAULT_WORKDAY_SHIFTS_FROM,
  validateServiceCalendarSpec,
  type SpecValidation,
} from './spec.js';
export {
  CompiledCalendar,
  compileCalendar,
  addServiceMinutes,
  serviceMinutesBetween,
  nextOpening,
  isOpen,
  openingHoursOn,
  toLocalParts,
  type OpeningHours,
  type LocalParts,
  type DayKind,
  type DaySource,
} from './calendar.js';
export {
  elapsedServiceMinutes,
  deadlineWithPauses,
  serviceClock,
  type Pause,
  type ServiceClock,
} from './pauses.js';
export { chinaOfficialDay, chinaOfficialCoverage, type ChinaOfficialDay } from './china.js';
export { importIcs, type IcsImport, type IcsImportOptions } from './ics.js';
