// Cost of reading one layer through sqlite-jdbc, in thread CPU seconds (the diff scan's floor in Java).
// Usage: java -cp sync-cli/target/bdfsync.jar bench/JdbcScan.java FILE.gpkg MODE MMAP_BYTES
//   MODE: steponly (next() only), geomonly (fid, geom), full (fid, cleabs, attributes, geom: three arrays per row),
//         one (fid, cleabs || attributes || geom: one array per row), floor (the sqlite3 floor query)
// The layer is zone_de_vegetation of the shared generator's files.
import java.sql.*;
import java.lang.management.*;
public class JdbcScan {
  public static void main(String[] a) throws Exception {
    String file=a[0], mode=a[1]; long mmap=Long.parseLong(a[2]);
    org.sqlite.SQLiteConfig c=new org.sqlite.SQLiteConfig(); c.setReadOnly(true);
    Connection con=DriverManager.getConnection("jdbc:sqlite:"+file,c.toProperties());
    try(Statement st=con.createStatement()){ st.execute("PRAGMA mmap_size="+mmap); }
    String attrs="ifnull(nature,x'fe')||x'ff'||ifnull(date_creation,x'fe')||x'ff'||ifnull(date_modification,x'fe')||x'ff'||ifnull(sources,x'fe')";
    String sql = switch(mode){ case "floor"->"SELECT count(*), sum(length(geom)) FROM zone_de_vegetation";
      case "geomonly"->"SELECT fid, geom FROM zone_de_vegetation"; case "one"->"SELECT fid, cleabs||x'ff'||"+attrs+"||x'ff'||geom FROM zone_de_vegetation";
      default->"SELECT fid, cleabs, "+attrs+", geom FROM zone_de_vegetation"; };
    ThreadMXBean tb=ManagementFactory.getThreadMXBean();
    long c0=tb.getCurrentThreadCpuTime(), w0=System.nanoTime(); long s=0, n=0;
    try(Statement st=con.createStatement(); ResultSet rs=st.executeQuery(sql)){
      int cols=rs.getMetaData().getColumnCount();
      while(rs.next()){ n++; if(mode.equals("steponly")) continue; s+=rs.getLong(1); for(int i=2;i<=cols;i++){ byte[] b=rs.getBytes(i); if(b!=null) s+=b.length; } }
    }
    System.out.printf("%s mmap=%d rows=%d cpu=%.2f wall=%.2f s=%d%n",mode,mmap,n,(tb.getCurrentThreadCpuTime()-c0)/1e9,(System.nanoTime()-w0)/1e9,s);
  }
}
