// The --help text (Chinese), shared by the dispatcher and every subcommand's -h.
// Only the template definition: `taizhang --help` must not load the workbook builder (fflate, ExcelJS).
import { TEMPLATE_FILE_NAME } from '../shared/template/definition';

export const HELP = `台账通（taizhang）— 机关事业单位编外人员台账工具

用法：
  taizhang template [--out 文件] [--force]
      生成标准台账模板（默认文件名“${TEMPLATE_FILE_NAME}”，保存在当前目录），并输出文件路径。
      不加 --out 时，当前目录已有同名文件则不覆盖（以免覆盖已填写的台账），除非加 --force；
      用 --out 明确指定的文件总是写入。

  taizhang validate 文件.xlsx [--json] [--as-of YYYY-MM-DD] [--all]
      校验填好的台账。
      --json      在标准输出打印一个 JSON 对象：{"ok","summary":{"rows","errors","warnings","findings"},"issues":[…]}；
                  文件无法读取或用法有误时为 {"ok":false,"summary":null,"issues":[],"error":{"code","message"}}
      --as-of     核查日期（默认取“单位基本情况”中的填报日期）
      --all       文字报告中列出全部问题（默认每条规则最多列 100 处）

  taizhang verify-archive 证据包.zip [--json]
      离线核验领导小组办公室导出的证据包：每个文件的 SHA-256、清单本身、每个台账版本重新计算的摘要。
      退出码：0 全部一致；1 有不一致（逐一列出文件）；2 不是证据包。

  taizhang --help | --version

校验结果分三类：错误（阻止报送，须改正）、提醒（不阻止报送，请核对）、问题发现（不阻止报送，如实填报即可）。
退出码：0 没有错误；1 存在错误；2 文件无法作为工作簿读取，或命令用法有误。
`;
