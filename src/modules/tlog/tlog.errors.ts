import { declareError } from '../../platform/http/errors';

export const tlogErrors = {
  tileNotFound: declareError('tlog.tile_not_found', 404, { vi: 'Không có ô (tile) này trong nhật ký', en: 'No such tile in the log' }),
  badTilePath: declareError('tlog.bad_tile_path', 400, { vi: 'Đường dẫn ô không đúng định dạng C2SP', en: 'Malformed C2SP tile path' }),
  noCheckpoint: declareError('tlog.no_checkpoint', 404, { vi: 'Nhật ký chưa có điểm kiểm (checkpoint) nào', en: 'The log has not published a checkpoint yet' }),
  badSizes: declareError('tlog.bad_sizes', 400, { vi: 'Kích thước cây không hợp lệ', en: 'Invalid tree sizes' }),
  sizeNotPublished: declareError('tlog.size_not_published', 404, { vi: 'Nhật ký chưa công bố điểm kiểm với kích thước này', en: 'The log has not published a checkpoint of this size' }),
  badEntry: declareError('tlog.bad_entry', 400, { vi: 'Mã bản ghi nhật ký không hợp lệ', en: 'Invalid log entry reference' }),
  tooManyEntries: declareError('tlog.too_many_entries', 400, { vi: 'Quá nhiều bản ghi trong một yêu cầu', en: 'Too many entries in one request' }),
  notYours: declareError('tlog.not_yours', 403, { vi: 'Bạn không có quyền xem bằng chứng của bản ghi này', en: 'You may not see the proof of this entry' }),
};
