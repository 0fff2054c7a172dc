package dev.apimart.spring.boot.readme;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application the README's {@code PostersTest} finds, as a user's would be. */
@SpringBootApplication
class ReadmeApplication {}
