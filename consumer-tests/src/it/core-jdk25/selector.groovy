def home = new File('/usr/lib/jvm/temurin-25-jdk-amd64')
if (!new File(home, 'bin/java').exists()) {
  println "[consumer] core-jdk25 SKIPPED: no JDK 25 at ${home}"
  return false
}
return true
